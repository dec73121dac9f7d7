from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from newsclaims.entities import (
    AliasTable,
    Catalog,
    clean_name,
    entity_id_for,
    extract_entities,
    fold,
    named_part,
)
from newsclaims.records import Article
from tests.conftest import build_tiny_nlp


def _article(text: str, aid: str = "a1", date: str | None = "2019-01") -> Article:
    return Article(article_id=aid, source="test", record="file", text=text, date=date)


def _run(language: Language, text: str, aliases: AliasTable | None = None):
    return extract_entities(language(text), aliases)


def test_clean_name_strips_titles_and_roles() -> None:
    assert clean_name("de Iraakse premier Adel Abdul-Mahdi") == "Adel Abdul-Mahdi"
    assert clean_name("President Assad") == "Assad"
    assert clean_name("Rutte's") == "Rutte"
    assert clean_name("Nanda de Jongh") == "Nanda de Jongh"


def test_named_part_of_hyphenated_compound() -> None:
    assert named_part("IS-strijders") == "IS"
    assert named_part("YPG-militie") == "YPG"
    assert named_part("Abdul-Mahdi") == "Abdul-Mahdi"


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Erdoğan") == fold("erdogan")


def test_surname_and_title_join_the_full_name() -> None:
    language = build_tiny_nlp(
        [
            {"label": "PER", "pattern": "Iraakse premier Adel Abdul-Mahdi"},
            {"label": "PER", "pattern": "Abdul-Mahdi"},
        ]
    )
    found = _run(language, "Zegt de Iraakse premier Adel Abdul-Mahdi. Abdul-Mahdi zwijgt verder.")
    [ent] = found.entities
    assert ent.name == "Adel Abdul-Mahdi"
    assert ent.aliases == ("Abdul-Mahdi",)
    assert len(ent.mentions) == 2
    assert [m.text for m in ent.mentions] == ["Adel Abdul-Mahdi", "Abdul-Mahdi"]
    assert found.resolve("Abdul-Mahdi") is ent
    assert found.resolve("de premier Adel Abdul-Mahdi") is ent


def test_bracketed_acronym_becomes_alias() -> None:
    language = build_tiny_nlp(
        [
            {"label": "ORG", "pattern": "Landelijke Studentenvakbond"},
            {"label": "ORG", "pattern": "LSVb"},
        ]
    )
    found = _run(language, "De Landelijke Studentenvakbond (LSVb) klaagt. De LSVb wil meer kamers.")
    [ent] = found.entities
    assert (ent.name, ent.aliases, len(ent.mentions)) == (
        "Landelijke Studentenvakbond",
        ("LSVb",),
        3,
    )


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        # a person's party or team in brackets is no other name of the person
        (
            [("PER", "Jan Smit"), ("ORG", "VVD")],
            "Kamerlid Jan Smit (VVD) zegt het. De VVD wil meer geld.",
            {("Jan Smit", "PER", 1), ("VVD", "ORG", 2)},
        ),
        (  # the NER's person, without a first name the lexicon knows
            [("PER", "Kik Pierie"), ("ORG", "Ajax")],
            "Ook Kik Pierie (Ajax) twijfelt nog.",
            {("Kik Pierie", "PER", 1), ("Ajax", "ORG", 1)},
        ),
        # an organisation's acronym still is
        (
            [("ORG", "Landelijke Studentenvakbond"), ("ORG", "LSVb")],
            "De Landelijke Studentenvakbond (LSVb) klaagt.",
            {("Landelijke Studentenvakbond", "ORG", 2)},
        ),
    ],
)
def test_a_bracket_after_a_person_is_an_affiliation(
    patterns: list[tuple[str, str]], text: str, expected: set[tuple[str, str, int]]
) -> None:
    language = build_tiny_nlp([{"label": label, "pattern": p} for label, p in patterns])
    found = _run(language, text)
    assert {(e.name, e.label, len(e.mentions)) for e in found.entities} == expected


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        # an unknown first name the NER called MISC, right before the surname it called PER
        (
            [("MISC", "Sjinkie"), ("PER", "Knegt")],
            "Gisteren reed Sjinkie Knegt weer. Knegt was blij.",
            {("Sjinkie Knegt", 2)},
        ),
        # not a word about a place's people, and not another label than MISC
        (
            [("MISC", "Japanse"), ("PER", "Nagano")],
            "Gisteren won de Japanse Nagano.",
            {("Nagano", 1)},
        ),
        (
            [("ORG", "Investeringsbank"), ("PER", "Jefferies")],
            "Volgens de Investeringsbank Jefferies kost het veel.",
            {("Investeringsbank", 1), ("Jefferies", 1)},
        ),
    ],
)
def test_a_first_name_the_ner_split_off_joins_the_surname(
    patterns: list[tuple[str, str]], text: str, expected: set[tuple[str, int]]
) -> None:
    language = build_tiny_nlp([{"label": label, "pattern": p} for label, p in patterns])
    found = _run(language, text)
    assert {(e.name, len(e.mentions)) for e in found.entities} == expected


def test_alias_table_links_names_and_gives_one_id(tmp_path: Path) -> None:
    table = tmp_path / "aliases.csv"
    table.write_text(
        "canonical,label,aliases\nIslamitische Staat,ORG,IS|ISIS|Daesh\n", encoding="utf-8"
    )
    aliases = AliasTable.load(table)
    language = build_tiny_nlp([{"label": "ORG", "pattern": p} for p in ("IS", "Daesh")])
    found = _run(language, "IS slaat toe. Daesh eist de aanslag op.", aliases)
    [ent] = found.entities
    assert ent.entity_id == entity_id_for(fold("Islamitische Staat"))
    assert ent.catalog_name == "Islamitische Staat"
    assert {ent.name, *ent.aliases} == {"IS", "Daesh"}


def test_hyphenated_compound_mention_is_its_named_part() -> None:
    language = build_tiny_nlp(
        [{"label": "ORG", "pattern": "YPG-militie"}, {"label": "ORG", "pattern": "YPG"}]
    )
    found = _run(language, "De YPG-militie trekt zich terug. YPG ontkent.")
    assert [e.name for e in found.entities] == ["YPG"]


def test_mentions_have_stable_ids_and_offsets(tiny_nlp: Language) -> None:
    text = "Eric Wiebes bezocht Zeeland.\n\nWiebes was tevreden over Nederland."
    found = _run(tiny_nlp, text)
    mentions = found.mentions
    assert [m.mention_id for m in mentions] == [f"m{i}" for i in range(4)]  # local ids
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert [m.sentence_idx for m in mentions] == [0, 0, 1, 1]
    assert _run(tiny_nlp, text) == found


def test_catalog_aggregates_over_articles(tiny_nlp: Language) -> None:
    catalog = Catalog()
    for _aid, date in (("a", "2019-03"), ("b", "2018-12-01"), ("c", None)):
        text = "Eric Wiebes sprak in Zeeland. Wiebes ging naar huis."
        catalog.add(extract_entities(tiny_nlp(text)), date)
    rows = {r.name: r for r in catalog.rows()}
    wiebes = rows["Eric Wiebes"]
    assert (wiebes.n_mentions, wiebes.n_articles) == (6, 3)
    assert (wiebes.first_date, wiebes.last_date) == ("2018-12-01", "2019-03")
    assert wiebes.aliases == ("Wiebes",)
    assert wiebes.label == "PER"


def test_initials_keep_their_full_stop() -> None:
    assert clean_name("Melanie B.") == "Melanie B."
    assert clean_name("Utrecht.") == "Utrecht"
    assert clean_name("advocaat De Jongh") == "De Jongh"


def test_spans_are_cut_to_the_name() -> None:
    language = build_tiny_nlp(
        [
            {"label": "LOC", "pattern": "Rijksmuseum voor een grote tentoonstelling"},
            {"label": "ORG", "pattern": "Koerdische YPG"},
            {"label": "ORG", "pattern": "Syrische Democratische Strijdkrachten"},
            {"label": "ORG", "pattern": "Artsen zonder Grenzen"},
        ]
    )
    text = (
        "Het Rijksmuseum voor een grote tentoonstelling. De Koerdische YPG vecht. "
        "De Syrische Democratische Strijdkrachten en Artsen zonder Grenzen ook."
    )
    names = [e.name for e in _run(language, text).entities]
    assert names == [
        "Rijksmuseum",
        "YPG",
        "Syrische Democratische Strijdkrachten",
        "Artsen zonder Grenzen",
    ]


def test_alias_table_decides_the_label(tmp_path: Path) -> None:
    table = tmp_path / "aliases.csv"
    table.write_text("canonical,label,aliases\nVerenigde Naties,ORG,VN\n", encoding="utf-8")
    language = build_tiny_nlp([{"label": "MISC", "pattern": "VN-rapport"}])
    [ent] = _run(language, "Het VN-rapport is uit.", AliasTable.load(table)).entities
    assert (ent.name, ent.label) == ("VN", "ORG")


def test_lone_capitalised_common_word_at_sentence_start_is_dropped() -> None:
    from spacy.tokens import Doc, Span

    language = build_tiny_nlp([])
    words = ["Patrouilles", "gaan", "door", ".", "Nederland", "wacht", "."]
    pos = ["NOUN", "VERB", "ADP", "PUNCT", "NOUN", "VERB", "PUNCT"]
    doc = Doc(
        language.vocab,
        words=words,
        pos=pos,
        sent_starts=[True, False, False, False, True, False, False],
    )
    doc.ents = [Span(doc, 0, 1, label="PER"), Span(doc, 4, 5, label="LOC")]
    found = extract_entities(doc)
    assert [e.name for e in found.entities] == ["Nederland"]  # known name survives


def test_compound_role_words_and_unmentioned_bracket_acronyms() -> None:
    assert clean_name("Boerenvoorman Mark van den Oever") == "Mark van den Oever"
    language = build_tiny_nlp([{"label": "ORG", "pattern": "Landelijke Studentenvakbond"}])
    [ent] = _run(language, "Volgens de Landelijke Studentenvakbond (LSVb) is het te duur.").entities
    assert ent.aliases == ("LSVb",)
