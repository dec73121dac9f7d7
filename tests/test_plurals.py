"""Dutch plurals to singulars: the spelling rules, the choice by corpus counts, and when the
news's singular replaces the model's lemma (``newsclaims.plurals``)."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.tokens import Doc

from newsclaims import lexicon, plurals
from newsclaims.claims import category_of, extract_claims, lemma_guess
from newsclaims.entities import extract_entities
from newsclaims.plurals import attested_singular, singular_candidates
from newsclaims.plurals_build import choose, demonyms
from tests.conftest import build_tiny_nlp


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("pillen", "pil"),  # a doubled consonant undone
        ("mercedessen", "mercedes"),
        ("venezolanen", "venezolaan"),  # an open syllable closed again
        ("jaren", "jaar"),
        ("graven", "graaf"),  # v -> f, and the vowel doubled
        ("brieven", "brief"),
        ("huizen", "huis"),  # z -> s
        ("honden", "hond"),  # plain -en
        ("raceronden", "raceronde"),  # only -n
        ("strijders", "strijder"),  # -s
        ("ferrari's", "ferrari"),  # -'s
        ("auto’s", "auto"),
        ("zeeën", "zee"),  # -ën
        ("mogelijkheden", "mogelijkheid"),  # endings from irregular_plurals.tsv
        ("kamerleden", "kamerlid"),
        ("kinderen", "kind"),
        ("steden", "stad"),
    ],
)
def test_the_spelling_rules_offer_the_singular(plural: str, singular: str) -> None:
    assert singular in singular_candidates(plural)


@pytest.mark.parametrize("word", ["bus", "kind", "en", "ss", "is"])
def test_a_word_without_a_plural_ending_has_no_candidates_but_itself_never(word: str) -> None:
    assert word not in singular_candidates(word)


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        # the most written candidate wins: "banen" is "baan", not "ban"
        ({"banen": 5, "baan": 40, "ban": 9}, {"banen": ("baan", "ban")}),
        # a candidate written rarely is no alternative: "pill" beside "pil"
        ({"pillen": 9, "pil": 75, "pill": 3}, {"pillen": ("pil",)}),
        # a plural seen once says nothing
        ({"raceronden": 1, "raceronde": 15}, {}),
        # no candidate written at least twice: no entry
        ({"tinkerbells": 4, "tinkerbell": 1}, {}),
        # "kans" is the singular of "kansen", not the plural of "kan"
        ({"kansen": 9, "kans": 50, "kan": 900}, {"kansen": ("kans",)}),
    ],
)
def test_the_build_chooses_the_singular_the_news_writes(
    counts: dict[str, int], expected: dict[str, tuple[str, ...]]
) -> None:
    assert choose(Counter(counts)) == expected


_TABLE = {
    "weekeinden": ("weekeinde", "weekeind"),
    "raceronden": ("raceronde",),
    "venezolanen": ("venezolaan",),
    "agenda's": ("agenda",),
}


@pytest.mark.parametrize(
    ("plural", "model_lemma", "expected"),
    [
        ("venezolanen", "venezolanen", "venezolaan"),  # the model left the plural alone
        ("venezolanen", None, "venezolaan"),
        ("raceronden", "racerond", "raceronde"),  # a candidate the news does not write
        ("weekeinden", "weekeind", None),  # a singular the news writes too: the model's
        ("weekeinden", "weekeinde", None),
        ("agenda's", "agendum", None),  # no spelling candidate: the model knows better
        ("jongeren", "jongere", None),  # a plural the table does not hold
    ],
)
def test_the_news_singular_replaces_only_a_lemma_that_is_none(
    monkeypatch: pytest.MonkeyPatch, plural: str, model_lemma: str | None, expected: str | None
) -> None:
    monkeypatch.setattr(plurals, "_table", lambda: _TABLE)
    assert attested_singular(plural, model_lemma) == expected


@pytest.mark.parametrize(
    ("word", "model_lemma", "expected"),
    [
        ("Amerikanen", "Amerikanen", "amerikaan"),  # a capitalised plural the model keeps
        ("Mexicanen", "Mexicanen", "mexicaan"),
        ("tractoren", "tractoor", "tractor"),  # a candidate the news does not write
        ("jaren", "jaren", "jaar"),  # a known unit comes first, as before
        ("bussen", "bus", "bus"),
    ],
)
def test_unit_lemmas_use_the_shipped_table(word: str, model_lemma: str, expected: str) -> None:
    assert lemma_guess(word, model_lemma) == expected


def test_the_shipped_tables_parse() -> None:
    assert all(len(pair) == 2 for pair in lexicon.pairs("irregular_plurals.tsv"))
    assert len(plurals._table()) > 1000


def _parsed(words: list[str], pos: list[str], heads: list[int], deps: list[str]) -> Doc:
    return Doc(_NL.vocab, words=words, pos=pos, heads=heads, deps=deps, ents=["O"] * len(words))


_NL = build_tiny_nlp([])


@pytest.mark.parametrize(
    ("words", "pos", "heads", "deps", "expected"),
    [
        (  # the tagger calls the compound a preposition: its plural part makes it a noun
            ["Twee", "VVD-Kamerleden", "willen", "stoppen", "."],
            ["NUM", "ADP", "VERB", "VERB", "PUNCT"],
            [2, 2, 2, 2, 2],
            ["nsubj", "xcomp", "ROOT", "xcomp", "punct"],
            ("Twee VVD-Kamerleden", "kamerlid"),
        ),
        (  # a symbol, to the tagger; the compound's singular keeps its first part
            ["Er", "zijn", "twee", "aso-azc's", "."],
            ["ADV", "VERB", "NUM", "SYM", "PUNCT"],
            [1, 1, 3, 1, 1],
            ["advmod", "ROOT", "nummod", "nsubj", "punct"],
            ("twee aso-azc's", "aso-azc"),
        ),
        (  # a verb after the number is no counted noun, plural ending or not
            ["De", "twee", "lopen-werken", "samen", "."],
            ["DET", "NUM", "VERB", "ADV", "PUNCT"],
            [1, 2, 2, 2, 2],
            ["det", "nsubj", "ROOT", "advmod", "punct"],
            ("twee", None),
        ),
    ],
)
def test_a_compound_the_tagger_does_not_know_is_counted_by_its_plural(
    words: list[str], pos: list[str], heads: list[int], deps: list[str], expected: tuple
) -> None:
    doc = _parsed(words, pos, heads, deps)
    claims = extract_claims(doc, extract_entities(doc), [])
    assert [(c.text, c.unit) for c in claims] == [expected]


def _demonym_counts(
    plural: str, singular: str, adjective: str, n_plural: int, n_singular: int, cap: float
) -> tuple[dict[str, tuple[str, ...]], Counter[str], Counter[str]]:
    """A table with one plural, and word counts where a share ``cap`` is capitalised."""
    counts = Counter({plural: n_plural, singular: n_singular, adjective: 50})
    capitalised = Counter({w: round(n * cap) for w, n in counts.items()})
    return {plural: (singular,)}, counts, capitalised


@pytest.mark.parametrize(
    ("plural", "singular", "adjective", "n_plural", "n_singular", "cap", "expected"),
    [
        ("zemblanen", "zemblaan", "zemblaanse", 41, 3, 1.0, ["zemblaan"]),
        ("zemblers", "zembler", "zemblse", 41, 3, 1.0, ["zembler"]),  # -er, its -s plural
        ("zemblanen", "zemblaan", "zemblaanse", 41, 3, 0.5, []),  # mostly lowercase
        ("zemblanen", "zemblaan", "zemblaans", 41, 3, 1.0, []),  # no adjective written
        ("zemblams", "zemblam", "zemblamse", 41, 3, 1.0, []),  # a capital -s: no plural
        ("zemblanen", "zemblaan", "zemblaanse", 6, 2322, 1.0, []),  # rare beside the singular
        ("zemblanen", "zemblaan", "zemblaanse", 3, 3, 1.0, []),  # too rare
    ],
)
def test_demonyms_are_capitalised_plurals_with_a_capitalised_adjective(
    plural: str,
    singular: str,
    adjective: str,
    n_plural: int,
    n_singular: int,
    cap: float,
    expected: list[str],
) -> None:
    assert demonyms(*_demonym_counts(plural, singular, adjective, n_plural, n_singular, cap)) == (
        expected
    )


@pytest.mark.parametrize(
    ("word", "model_lemma", "category"),
    [
        ("Belgen", "Belgen", "people"),
        ("Marokkanen", "Marokkanen", "people"),
        ("euro's", "", "money"),
    ],
)
def test_a_demonym_counts_people(word: str, model_lemma: str, category: str) -> None:
    assert category_of(lemma_guess(word, model_lemma or None)) == category
