"""The extractors as spaCy components: factories, ``doc._`` data, saving, workers, long texts."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from newsclaims import components, nlp
from newsclaims.process import long_doc, pieces
from tests.conftest import build_tiny_nlp

TEXT = (
    "Eric Wiebes zei dat zo'n 300 boeren zijn gestopt.\n\n"
    '"We gaan door met het windpark in Zeeland," aldus Greenpeace.\n\n'
    "Volgens Nederland waren er ruim 40 demonstranten."
)


def _records(doc: Doc) -> tuple[list, list, list]:
    """Everything the components found, as comparable plain data."""
    ents = [
        (e.name, e.label, [(m.start, m.end) for m in e.mentions])
        for e in components.entities_of(doc).entities
    ]
    quotes = [dataclasses.astuple(q) for q in components.quotes_of(doc)]
    claims = [dataclasses.astuple(c) for c in components.claims_of(doc)]
    return ents, quotes, claims


@pytest.fixture
def tiny() -> Language:
    return build_tiny_nlp()


def test_the_pipeline_runs_the_extractors_in_order(tiny: Language) -> None:
    assert tiny.pipe_names[-4:] == [nlp.LABEL_COMPONENT, *components.EXTRACTORS]
    ents, quotes, claims = _records(tiny(TEXT))
    assert ("Eric Wiebes", "PER") in [(n, lab) for n, lab, _ in ents]
    assert [q[6] for q in quotes] == ["indirect", "direct", "indirect"]  # kind
    assert {c[5] for c in claims} == {"zo'n 300 boeren", "ruim 40 demonstranten"}  # text


@pytest.mark.parametrize("component", ["newsclaims_quotes", "newsclaims_claims"])
def test_one_component_alone_is_enough(component: str) -> None:
    """``nlp.add_pipe("newsclaims_quotes")`` on someone's pipeline finds entities on the way."""
    language = spacy.blank("nl")
    language.add_pipe("sentencizer")
    ruler = language.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PER", "pattern": "Eric Wiebes"}])
    language.add_pipe(component)
    doc = language("Eric Wiebes zei dat er zo'n 300 boeren zijn gestopt met melken.")
    assert [e.name for e in components.entities_of(doc).entities] == ["Eric Wiebes"]
    assert [q.speaker for q in components.quotes_of(doc)] == ["Eric Wiebes"]
    if component == "newsclaims_claims":
        assert [(c.value, c.source) for c in components.claims_of(doc)] == [(300.0, "Eric Wiebes")]


def test_the_typed_records_of_the_last_doc_are_kept_and_rebuilt_when_its_data_changes(
    tiny: Language,
) -> None:
    """The claim step and the rows reuse the records the quote step made for this doc; data
    replaced since (or another doc's) is read again, not answered from the kept records."""
    doc = tiny(TEXT)
    first, again = components.quotes_of(doc), components.quotes_of(doc)
    assert first == again and first[0] is again[0]  # kept, not rebuilt
    data = [dict(q, speaker="X") for q in doc._.get(components.QUOTES)]
    doc._.set(components.QUOTES, data)
    assert {q.speaker for q in components.quotes_of(doc)} == {"X"}
    other = tiny(TEXT)
    assert components.claims_of(other) == components.claims_of(doc)
    assert components.claims_of(other)[0] is not components.claims_of(doc)[0]


def test_results_survive_doc_to_bytes(tiny: Language) -> None:
    """What a worker process sends back is ``doc.to_bytes()``: the results must be in it."""
    doc = tiny(TEXT)
    back = Doc(tiny.vocab).from_bytes(doc.to_bytes())
    assert _records(back) == _records(doc)
    assert _records(back)[1]


def test_a_saved_pipeline_loads_with_spacy_load_and_gives_the_same_output(
    tiny: Language, tmp_path: Path
) -> None:
    tiny.to_disk(tmp_path / "saved")
    assert (tmp_path / "saved" / nlp.LABEL_COMPONENT / "label_map.json").exists()
    assert (tmp_path / "saved" / components.ENTITIES / "aliases.csv").exists()
    loaded = spacy.load(tmp_path / "saved")
    assert loaded.pipe_names == tiny.pipe_names
    assert _records(loaded(TEXT)) == _records(tiny(TEXT))


def test_the_alias_table_travels_with_the_pipeline(tmp_path: Path) -> None:
    table = tmp_path / "aliases.csv"
    table.write_text("canonical,label,aliases\nGreenpeace Nederland,ORG,Greenpeace\n", "utf-8")
    language = build_tiny_nlp()
    language.replace_pipe(components.ENTITIES, components.ENTITIES, config={"aliases": str(table)})
    language.to_disk(tmp_path / "saved")
    table.unlink()  # the saved pipeline must not need the original file
    loaded = spacy.load(tmp_path / "saved")
    names = [e.catalog_name for e in components.entities_of(loaded(TEXT)).entities]
    assert "Greenpeace Nederland" in names


def test_worker_processes_give_the_same_results(tiny: Language) -> None:
    texts = [TEXT, "Greenpeace zei dat 12 schepen uitvoeren.", TEXT.upper(), ""] * 3
    one = [_records(d) for d in tiny.pipe(texts, batch_size=2)]
    two = [_records(d) for d in tiny.pipe(texts, batch_size=2, n_process=2)]
    assert one == two
    assert any(q for _, q, _ in two)


def test_a_failing_extractor_marks_the_doc_instead_of_raising(
    tiny: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(doc: Doc, entities: object) -> list:
        raise RuntimeError("kapot")

    monkeypatch.setattr(components, "extract_quotes", boom)
    doc = tiny(TEXT)
    [error] = components.errors_of(doc)
    assert error.startswith("extraction failed in newsclaims_quotes: RuntimeError: kapot")
    assert components.claims_of(doc) == []  # later components leave a failed doc alone


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Een.\n\nTwee.\n\nDrie.", 14, ["Een.\n\nTwee.\n\n", "Drie."]),
        ("Zin een. Zin twee. Zin drie.", 20, ["Zin een. Zin twee. ", "Zin drie."]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        ("kort", 100, ["kort"]),
    ],
)
def test_pieces_cut_at_paragraphs_then_sentences(text: str, limit: int, expected: list) -> None:
    assert pieces(text, limit) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .\n", max_size=300), st.integers(min_value=1, max_value=50))
def test_pieces_join_back_and_respect_the_limit(text: str, limit: int) -> None:
    out = pieces(text, limit)
    assert "".join(out) == text
    assert all(0 < len(p) <= limit for p in out)


def test_an_over_long_text_is_analysed_with_whole_text_offsets(tiny: Language) -> None:
    text = "\n\n".join([TEXT] * 40)
    tiny.max_length = 2000
    doc = long_doc(tiny, text)
    assert doc.text == text
    quotes = components.quotes_of(doc)
    assert len(quotes) == 3 * 40
    assert all(text[q.start : q.end] == q.text for q in quotes)
    tiny.max_length = 10**6
    assert _records(doc)[0][0][:2] == _records(tiny(TEXT))[0][0][:2]


def test_the_readme_example_runs_on_the_bundled_model(
    bundled_nlp: Language, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's "In your own spaCy code" block, run as it is written there."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## In your own spaCy code", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "Jansen" in printed and "indirect" in printed
