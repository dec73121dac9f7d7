from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from newsclaims import nlp
from newsclaims.components import EXTRACTORS
from tests.conftest import build_tiny_nlp

ONTO_PATTERNS = [
    {"label": "PERSON", "pattern": "Mark Rutte"},
    {"label": "GPE", "pattern": "Nederland"},
    {"label": "ORG", "pattern": "Greenpeace"},
    {"label": "NORP", "pattern": "Nederlandse"},
    {"label": "FAC", "pattern": "Schiphol"},
    {"label": "EVENT", "pattern": "Koningsdag"},
    {"label": "CARDINAL", "pattern": "drie"},
    {"label": "DATE", "pattern": "maandag"},
    {"label": "MONEY", "pattern": "tien euro"},
]


def test_nl_core_news_labels_map_to_project_labels() -> None:
    language = build_tiny_nlp(ONTO_PATTERNS)
    doc = language(
        "Mark Rutte zei maandag in Nederland dat de Nederlandse regering drie keer tien euro "
        "aan Greenpeace gaf op Schiphol tijdens Koningsdag."
    )
    got = {(e.text, e.label_) for e in doc.ents}
    assert got == {
        ("Mark Rutte", "PER"),
        ("Nederland", "LOC"),
        ("Nederlandse", "MISC"),
        ("Greenpeace", "ORG"),
        ("Schiphol", "LOC"),
        ("Koningsdag", "MISC"),
    }


def test_entities_without_a_capital_letter_are_dropped() -> None:
    language = build_tiny_nlp(
        [
            {"label": "MISC", "pattern": [{"LOWER": "zo'n"}, {"LIKE_NUM": True}]},
            {"label": "ORG", "pattern": "eBay"},
            {"label": "LOC", "pattern": "Lelystad"},
        ]
    )
    doc = language("In Lelystad wonen zo'n 80 duizend mensen die via eBay kopen.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Lelystad", "LOC"), ("eBay", "ORG")]


def test_conll_labels_pass_through_unchanged() -> None:
    language = build_tiny_nlp(
        [
            {"label": lab, "pattern": w}
            for lab, w in [("PER", "Jan"), ("ORG", "Ajax"), ("LOC", "Gent"), ("MISC", "Belgische")]
        ]
    )
    doc = language("Jan van Ajax woont in Gent en is Belgische.")
    assert [e.label_ for e in doc.ents] == ["PER", "ORG", "LOC", "MISC"]


def test_unknown_label_becomes_misc_and_every_mapped_label_is_valid() -> None:
    assert nlp.map_label("SOMETHING_NEW") == "MISC"
    assert set(nlp.load_label_map().values()) <= {*nlp.PROJECT_LABELS, None}


def test_prepare_is_idempotent() -> None:
    language = build_tiny_nlp()
    nlp.prepare(language)
    assert language.pipe_names.count(nlp.LABEL_COMPONENT) == 1


def test_resolve_model_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    explicit = tmp_path / "explicit"
    explicit.mkdir()
    env = tmp_path / "env"
    env.mkdir()
    monkeypatch.setenv(nlp.MODEL_ENV_VAR, str(env))
    assert nlp.resolve_model(str(explicit)) == explicit
    assert nlp.resolve_model(None) == env
    monkeypatch.delenv(nlp.MODEL_ENV_VAR)
    if (nlp.BUNDLED_MODEL / "meta.json").exists():
        assert nlp.resolve_model(None) == nlp.BUNDLED_MODEL


def test_unknown_model_name_is_a_clear_error() -> None:
    with pytest.raises(nlp.ModelError, match="neither a directory nor an installed"):
        nlp.resolve_model("nl_core_news_sm_not_installed")


def test_a_saved_pipeline_loads_through_the_same_path(tmp_path: Path) -> None:
    language = spacy.blank("nl")
    ruler = language.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "GPE", "pattern": "Gent"}])
    language.to_disk(tmp_path / "m")
    loaded = nlp.load(str(tmp_path / "m"))
    assert loaded.pipe_names[-4:] == [nlp.LABEL_COMPONENT, *EXTRACTORS]
    assert nlp.load(str(tmp_path / "m"), extract=False).pipe_names[-1] == nlp.LABEL_COMPONENT
    assert [e.label_ for e in loaded("In Gent.").ents] == ["LOC"]


def test_known_entity_patterns_from_gazetteer_and_aliases(tmp_path: Path) -> None:
    gaz = tmp_path / "gazetteer.csv"
    gaz.write_text("name,label\n# comment line\nGent,LOC\nAjax,ORG\n", encoding="utf-8")
    aliases = tmp_path / "aliases.csv"
    aliases.write_text(
        "canonical,label,aliases\nIslamitische Staat,ORG,IS|Daesh\n", encoding="utf-8"
    )
    patterns = nlp.known_entity_patterns(gaz, aliases)
    assert {"label": "ORG", "pattern": "Daesh"} in patterns
    assert {"label": "LOC", "pattern": "Gent"} in patterns
    assert len(patterns) == 5
    gaz.write_text("name,label\nGent,CITY\n", encoding="utf-8")
    with pytest.raises(nlp.ModelError, match="unknown labels"):
        nlp.known_entity_patterns(gaz, aliases)


def test_known_entities_go_before_the_ner(tmp_path: Path) -> None:
    language = spacy.blank("nl")
    language.add_pipe("ner")
    language.initialize()
    language.to_disk(tmp_path / "m")
    loaded = nlp.load(str(tmp_path / "m"))
    names = loaded.pipe_names
    assert names.index(nlp.GAZETTEER_COMPONENT) < names.index("ner")
    doc = loaded("Daesh eiste de aanslag in Nederland op.")
    assert {(e.text, e.label_) for e in doc.ents} >= {("Daesh", "ORG"), ("Nederland", "LOC")}
    plain = nlp.load(str(tmp_path / "m"), known_entities=False)
    assert nlp.GAZETTEER_COMPONENT not in plain.pipe_names
