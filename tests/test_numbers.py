"""The Dutch number parser on its own: values, spans, ranges, vague plurals, non-numbers."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclaims.numbers import (
    cardinal_word,
    denominator_word,
    find_numbers,
    find_quantities,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # digits: dot for thousands, comma for decimals
        ("20.000", 20000),
        ("3,5", 3.5),
        ("1.234,56", 1234.56),
        ("1500", 1500),
        ("0,75", 0.75),
        # words and compounds
        ("duizend", 1000),
        ("tweeduizend", 2000),
        ("drieëntwintig", 23),
        ("drieentwintig", 23),
        ("tweeënveertigduizend", 42000),
        ("vijfhonderd", 500),
        ("achttien", 18),
        ("zeshonderdachtenzestig", 668),
        ("negentienhonderdvijftig", 1950),
        ("honderdenvijf", 105),
        ("elfduizend vierhonderd", 11400),
        ("één", 1),
        # mixed digits and scale words
        ("300 duizend", 300000),
        ("3 miljoen", 3_000_000),
        ("1,2 miljard", 1_200_000_000),
        ("twaalf miljoen", 12_000_000),
        ("12 miljoen", 12_000_000),
        ("anderhalf miljoen", 1_500_000),
        ("een half miljoen", 500_000),
        ("een miljoen", 1_000_000),
        ("vier miljard zeshonderd miljoen", 4_600_000_000),
        # fractions
        ("een derde", 1 / 3),
        ("twee derde", 2 / 3),
        ("tweederde", 2 / 3),
        ("de helft", 0.5),
        ("driekwart", 0.75),
        ("anderhalf", 1.5),
        ("zevenenhalf", 7.5),
        ("een tiende", 0.1),
        ("drie achtsten", 3 / 8),
        ("vier en een kwart", 4.25),
        ("één op de vijf", 0.2),
    ],
)
def test_parse_number_values(text: str, value: float) -> None:
    got = parse_number(text)
    assert got is not None, text
    assert math.isclose(got, value, rel_tol=1e-9), (text, got)


@pytest.mark.parametrize(
    "text",
    ["een", "eerste", "tiende", "21e", "honderden", "tweedrie", "tienen", "tweeën", "zevende"],
)
def test_not_a_single_number(text: str) -> None:
    assert parse_number(text) is None


def test_article_een_is_not_a_number_but_een_with_scale_is() -> None:
    assert find_numbers("Er is een grens.") == []
    [m] = find_numbers("Er kwam een miljoen bij.")
    assert (m.text, m.value) == ("een miljoen", 1_000_000)


def test_spans_in_running_text() -> None:
    text = "Ze telden 3,5 miljoen stemmen, ruim tweeduizend klachten en 40% steun."
    found = find_numbers(text)
    assert [(m.text, m.value) for m in found] == [
        ("3,5 miljoen", 3_500_000),
        ("tweeduizend", 2000),
        ("40", 40),
    ]
    for m in found:
        assert text[m.start : m.end] == m.text


def test_digit_forms_that_are_not_counts_are_not_joined() -> None:
    # an ordinal with a letter suffix is no number; a date stays three numbers
    assert find_numbers("de 4e keer") == []
    assert [m.value for m in find_numbers("op 17/5/2018")] == [17, 5, 2018]
    assert [m.value for m in find_numbers("3/4")] == [0.75]


def test_words_containing_number_morphemes_are_not_numbers() -> None:
    for word in ("tienen", "achter", "zestigers", "eentje", "negentiger", "Vijfhuizen"):
        assert cardinal_word(word) is None, word


def test_denominators() -> None:
    assert denominator_word("derde") == 3
    assert denominator_word("vijfde") == 5
    assert denominator_word("achtste") == 8
    assert denominator_word("twintigste") == 20
    assert denominator_word("honderdste") == 100
    assert denominator_word("eerste") is None
    assert denominator_word("achtde") is None  # wrong ordinal suffix


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("tussen 20 en 30", 20, 30),
        ("tussen de 20 en 30", 20, 30),
        ("20 tot 30", 20, 30),
        ("20 à 30", 20, 30),
        ("20-30", 20, 30),
        ("twee of drie", 2, 3),
        ("van vijftig tot zestig", 50, 60),
        ("3 tot 4 miljoen", 3_000_000, 4_000_000),
        ("tientallen", 20, 99),
        ("honderden", 200, 999),
        ("duizenden", 2000, 9999),
        ("tienduizenden", 20000, 99999),
        ("honderdduizenden", 200000, 999999),
        ("miljoenen", 2e6, 9.99e6),
        ("honderden tot duizenden", 200, 9999),
        ("honderden miljoenen", 2e8, 9.99e8),
        ("een paar honderd", 200, 999),  # a few of a scale: as vague as its plural
        ("enkele duizend", 2000, 9999),
        ("een paar miljoen", 2e6, 9.99e6),
    ],
)
def test_ranges_and_vague_plurals(text: str, low: float, high: float) -> None:
    [q] = find_quantities(f"Het waren er {text} volgens de telling.")
    assert q.value is None
    assert (q.low, q.high) == (low, high)
    assert q.kind in ("range", "vague")


@pytest.mark.parametrize(
    ("text", "span"),
    [("Het is een paar honderd meter.", "een paar honderd"), ("Een paar 100 meter.", "100")],
)
def test_a_few_of_a_scale_takes_its_words_into_the_span(text: str, span: str) -> None:
    [q] = find_quantities(text)
    assert q.text == span


def test_not_ranges() -> None:
    # a score or a year-month stays two numbers; "of" needs close numbers
    assert all(q.kind == "number" for q in find_quantities("Het werd 2-1."))
    assert all(q.kind == "number" for q in find_quantities("in 1995-01"))
    assert all(q.kind == "number" for q in find_quantities("5 of 900"))


# --- property-based ---------------------------------------------------------------------

_UNITS = ["", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
_TEENS = [
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
]
_TENS = ["", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig"]
_TENS.append("negentig")


def _below_100(n: int) -> str:
    if n < 10:
        return _UNITS[n]
    if n < 20:
        return _TEENS[n - 10]
    unit, ten = n % 10, n // 10
    if unit == 0:
        return _TENS[ten]
    link = "ën" if _UNITS[unit].endswith("e") else "en"
    return _UNITS[unit] + link + _TENS[ten]


def _below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    head = "" if hundreds == 0 else ("honderd" if hundreds == 1 else _UNITS[hundreds] + "honderd")
    return head + (_below_100(rest) if rest else "")


def dutch_words(n: int) -> str:
    """An independent writer of Dutch number words (1..999 999), to check the reader."""
    thousands, rest = divmod(n, 1000)
    head = ""
    if thousands:
        head = "duizend" if thousands == 1 else _below_1000(thousands) + "duizend"
    tail = _below_1000(rest) if rest else ""
    return (head + " " + tail).strip() if head and tail and rest >= 100 else head + tail


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999_999))
def test_written_numbers_read_back(n: int) -> None:
    words = "één" if n == 1 else dutch_words(n)  # bare "een" is the article
    assert parse_number(words) == n, words


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_dot_grouped_digits_read_back(n: int) -> None:
    grouped = f"{n:,}".replace(",", ".")
    assert parse_number(grouped) == n


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_breaks(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        if q.low is not None and q.high is not None:
            assert q.low < q.high
        if q.value is not None:
            assert math.isfinite(q.value) or math.isinf(q.value)


_PIECES = st.sampled_from(
    [
        "20.000",
        "3,5",
        "tweeduizend",
        "miljoen",
        "een",
        "half",
        "en",
        "tot",
        "tussen",
        "-",
        "/",
        "%",
        "honderden",
        "duizenden",
        "derde",
        "de",
        "helft",
        "min",
        "komma",
        "op",
        "1",
        "4/5",
        "of",
        "à",
        "strijders",
        ".",
        ",",
        "\n\n",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=12), st.lists(st.sampled_from([" ", "", "  "]), max_size=12))
def test_number_like_soup_never_breaks(pieces: list[str], gaps: list[str]) -> None:
    text = "".join(p + (gaps[i] if i < len(gaps) else " ") for i, p in enumerate(pieces))
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
        if q.kind in ("range", "vague"):
            assert q.low is not None and q.high is not None and q.low < q.high


_HUGE = "4" * 400  # a 400-digit number: float() of it is inf


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a value that is no finite float is not a quantity, and raises nothing
        ("10^320 euro", []),
        ("een getal van 2e620", []),
        ("1e400 mensen", []),
        (f"{_HUGE} mensen", []),
        ("0^-1 mensen", []),  # 0 to a negative power
        ("1e99999999 mensen", []),  # a huge exponent: no giant integer is built
        ("1e" + "9" * 5000, []),  # more exponent digits than int() reads
        # ... and only that one match is dropped: the text's other numbers stay
        ("Er kwamen 1e400 mensen en 3 honden.", [("3", 3)]),
        (
            "Van 10^320 euro naar 12 miljoen euro in 2019, een getal van 2e620.",
            [("12 miljoen", 12e6), ("2019", 2019)],
        ),
        (f"Tussen {_HUGE} en 7 stuks, zei 1 man.", [("7", 7), ("1", 1)]),
        ("1e308 miljoen en 5", [("5", 5)]),  # the whole expression goes, not just 1e308
        ("2 op 1e400", [("2", 2)]),  # no ratio over an infinite denominator
        ("van 5 tot 1e400 euro", [("5", 5)]),  # no range to infinity
        ("Er waren 3 tot 4 miljoen mensen en 10^320 euro.", [("3 tot 4 miljoen", None)]),
        ("2 x 10^500 sterren en 7 katten", [("7", 7)]),  # the coefficient goes too
        ("1,5 × 10^400 en 8", [("8", 8)]),
        # powers that a float holds keep their value
        ("2e6 en 10^3", [("2e6", 2e6), ("10^3", 1000)]),
        ("2^1023 en 1e308", [("2^1023", 2.0**1023), ("1e308", 1e308)]),
        ("0e400 en 10^-400", [("0e400", 0), ("10^-400", 0)]),  # zero and underflow
        ("2 x 10^3 en 1,5×10^6", [("2 x 10^3", 2000), ("1,5×10^6", 1.5e6)]),
        ("3 x 10 stuks", [("3", 3), ("10", 10)]),  # a product, not a power of ten
    ],
)
def test_values_beyond_a_float_drop_only_themselves(
    text: str, expected: list[tuple[str, float | None]]
) -> None:
    found = find_quantities(text)
    assert [(q.text, q.value) for q in found] == expected
    for q in found:
        assert all(math.isfinite(x) for x in (q.value, q.low, q.high) if x is not None)
    assert all(math.isfinite(m.value or 0) for m in find_numbers(text))


def test_parse_number_of_a_value_beyond_a_float_is_none() -> None:
    assert parse_number("1e400") is None
    assert parse_number("10^320") is None
    assert parse_number("1e308") == 1e308
