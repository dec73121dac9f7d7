"""The windowed fast path of the number parser gives exactly the full parse's output.

``find_quantities``/``find_numbers`` only tokenise and parse windows around seeds; the
``_reference`` variants parse every atom of the text, as the parser did before. These
tests throw number-like soups at both, with the joins and gaps where a window boundary
could go wrong: words glued to digits, digit groups split by spaces and line breaks,
weak words ("een", "tot", "min") far from and next to strong ones, and characters whose
lowercase form is odd ("İ" changes the length, the Kelvin sign becomes "k").
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclaims.numbers import (
    _SEED_CHAR,
    NumberMatch,
    _find_numbers_reference,
    _find_quantities_reference,
    _seed_prefixes,
    _strong,
    find_numbers,
    find_quantities,
)
from newsclaims.numbers import windows as numbers_windows

# strong atoms: digits in every form the tokeniser knows, and number words
_STRONG = [
    "3",
    "20.000",
    "1.234,56",
    "1 234 567",
    "3,5",
    ",08",
    "2019",
    "3 1/2",
    "4/5",
    "17/5/2018",
    "10 k",
    "10k",
    "5G",
    "1,2b",
    "2e6",
    "10^3",
    "10^320",
    "1e400",
    "0^-1",
    "1e308 miljoen",
    "2 x 10^3",
    "1,5×10^6",
    "2 x 10^500",
    "½",
    "²",
    "三",
    "Ⅻ",
    "tweeduizend",
    "Drieëntwintig",
    "VIJFHONDERD",
    "miljoen",
    "miljard",
    "honderd",
    "duizend",
    "dozijn",
    "één",
    "eén",
    "twee",
    "vijf",
    "anderhalf",
    "driekwart",
    "zevenenhalf",
    "derde",
    "vijfde",
    "achtsten",
    "honderdste",
    "helft",
    "half",
    "kwart",
    "honderden",
    "duizenden",
    "miljoenen",
    "tientallen",
    "min",
    "komma",
]
# weak words and marks that only join strong ones
_WEAK = [
    "een",
    "Een",
    "en",
    "de",
    "tot",
    "met",
    "van",
    "tussen",
    "op",
    "uit",
    "of",
    "à",
    "a",
    "-",
    "–",
    "−",
    "/",
    "~",
]
# barriers: fillers, words that contain number morphemes, odd characters
_BARRIERS = [
    "het",
    "stad",
    "zelf",
    "achter",
    "tweede",
    "eerste",
    "gedacht",
    "tienen",
    "strijders",
    "mensen",
    "m²",
    "€",
    "%",
    ".",
    ",",
    "(",
    ")",
    "'",
    "_",
    "İ",
    "\u212a",
]
_GAPS = ["", " ", " ", " ", " ", "  ", "\n", "\n\n", "\u00a0", " \n "]


@st.composite
def _soup(draw: st.DrawFn) -> str:
    kinds = st.one_of(*(st.sampled_from(kind) for kind in (_STRONG, _WEAK, _BARRIERS)))
    pieces = draw(st.lists(kinds, max_size=24))
    gaps = draw(st.lists(st.sampled_from(_GAPS), min_size=len(pieces), max_size=len(pieces)))
    return "".join(p + g for p, g in zip(pieces, gaps, strict=True))


def _outcome(find: Callable[[str], list[NumberMatch]], text: str) -> object:
    """The matches; any exception fails the test ("10^320", "1e400" used to overflow)."""
    return find(text)


@settings(max_examples=200, deadline=None)
@given(_soup())
def test_fast_path_equals_full_parse_on_number_soup(text: str) -> None:
    quantities = _outcome(_find_quantities_reference, text)
    numbers = _outcome(_find_numbers_reference, text)
    # Without joining, every barrier between two seeds closes a window: that is where a
    # wrong barrier would split a range; joined windows would hide it in short soups.
    for join in (0, numbers_windows._WINDOW_JOIN):
        with _window_join(join):
            assert _outcome(find_quantities, text) == quantities, join
            assert _outcome(find_numbers, text) == numbers, join


@contextmanager
def _window_join(chars: int) -> Iterator[None]:
    saved = numbers_windows._WINDOW_JOIN
    numbers_windows._WINDOW_JOIN = chars
    try:
        yield
    finally:
        numbers_windows._WINDOW_JOIN = saved


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from("3 5,./-ntwe\u00e9\nkG½"), max_size=40))
def test_fast_path_equals_full_parse_on_character_soup(text: str) -> None:
    assert _outcome(find_quantities, text) == _outcome(_find_quantities_reference, text)


def test_fast_path_equals_full_parse_on_running_text() -> None:
    text = (
        "Tussen de 20 en 30 mensen kwamen, zo'n drie à vier miljoen euro (1,2 miljard "
        "dollar) ging op aan het plan.\nEen derde van de 1.500 leden stemde tegen; de helft "
        "was voor. Min een graad, een komma vijf procent, honderden miljoenen, één op de "
        "vijf, 3 1/2 jaar, 10 k volgers, 2-1 verlies en in 1995-01 niets."
    )
    assert find_quantities(text) == _find_quantities_reference(text)
    assert len(find_quantities(text)) > 10


def test_every_numeric_letter_is_a_seed_character() -> None:
    """A one-letter word with a numeric value ("½") is a number atom: it must be a seed."""
    letter = re.compile(r"[^\W\d_]")
    missing = [
        hex(c)
        for c in range(sys.maxunicode + 1)
        if unicodedata.numeric(chr(c), None) is not None
        and (letter.match(chr(c)) or chr(c).isdecimal())
        and not _SEED_CHAR.match(chr(c))
    ]
    assert missing == []


def test_seed_prefixes_start_every_strong_word() -> None:
    words = ["eenentwintig", "tweeënveertigduizend", "anderhalve", "driekwart", "helft"]
    words += ["dozijnen", "gros", "tienduizenden", "vijfde", "honderdste", "komma", "min"]
    for word in words:
        assert _strong(word), word
        assert word.startswith(_seed_prefixes()), word
    assert not _strong("een")  # joins a strong word, never a number by itself


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stad 20 tot 30 stad", ["20 tot 30"]),
        ("stad tussen de 20 en 30 stad", ["tussen de 20 en 30"]),
        ("stad van vijftig tot zestig stad", ["van vijftig tot zestig"]),
        ("stad 20 tot en met 30 stad", ["20 tot en met 30"]),
        ("stad 20 à 30 stad", ["20 à 30"]),
        ("stad 20-30 stad", ["20-30"]),
        ("stad 20 ~ 30 stad", ["20 ~ 30"]),
        ("stad vier of vijf stad", ["vier of vijf"]),
        ("stad een half miljoen stad", ["een half miljoen"]),
        ("stad een derde stad", ["een derde"]),
        ("stad de helft stad", ["de helft"]),
        ("stad min een stad", ["min een"]),
        ("stad een komma een stad", ["een komma een"]),
        ("stad vier en een kwart stad", ["vier en een kwart"]),
        ("stad één op de vijf stad", ["één op de vijf"]),
        ("stad een - derde stad", ["een - derde"]),
        ("stad min 5 stad", ["min 5"]),
        ("stad - 5 stad", ["- 5"]),
        ("stad 3/4 stad", ["3/4"]),
        ("stad 3 1/2 stad", ["3 1/2"]),
        ("stad 10 k stad", ["10 k"]),
        ("stad honderden miljoenen stad", ["honderden miljoenen"]),
        ("stad honderden tot duizenden stad", ["honderden tot duizenden"]),
        ("stad ½ stad", ["½"]),
        ("stad 3 tot 4 miljoen stad", ["3 tot 4 miljoen"]),
        ("stad een / derde stad", ["een / derde"]),
        ("stad twee/derde stad", ["twee/derde"]),
        ("stad -4/5 stad", ["-4/5"]),
        ("stad 1/2/3 stad", ["1", "2", "3"]),
        ("stad min 3 1/2 stad", ["min 3 1/2"]),
    ],
)
def test_window_boundaries_keep_every_construction(text: str, expected: list[str]) -> None:
    """Each construction that joins a weak atom to a strong one, cut to single windows."""
    with _window_join(0):
        got = [q.text for q in find_quantities(text)]
    assert got == expected
    assert find_quantities(text) == _find_quantities_reference(text)
