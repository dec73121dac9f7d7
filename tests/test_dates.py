"""Publication dates: every common layout of a Dutch dump becomes a day, a precision and,
when the input states one, an instant with its offset; nonsense is an error, not a guess."""

from __future__ import annotations

import pytest

from newsclaims.dates import ParsedDate, parse


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2019-11-05", ("2019-11-05", "day", None)),
        ("2019-11", ("2019-11-01", "month", None)),
        ("2019", ("2019-01-01", "year", None)),
        ("5 november 2019", ("2019-11-05", "day", None)),
        ("dinsdag 5 november 2019, 14:03 uur", ("2019-11-05", "day", None)),
        ("5 nov. 2019", ("2019-11-05", "day", None)),
        ("1 mrt 2020", ("2020-03-01", "day", None)),
        ("november 2019", ("2019-11-01", "month", None)),
        ("05-11-2019", ("2019-11-05", "day", None)),
        ("5/11/2019", ("2019-11-05", "day", None)),
        ("05.11.2019 14:03 +01:00", ("2019-11-05", "day", "2019-11-05T14:03:00+01:00")),
        ("2019/11/05", ("2019-11-05", "day", None)),
        ("Tue, 05 Nov 2019 14:03:00 +0100", ("2019-11-05", "day", "2019-11-05T14:03:00+01:00")),
        ("2019-11-05T14:03:00Z", ("2019-11-05", "day", "2019-11-05T14:03:00+00:00")),
        ("2019-11-05 14:03", ("2019-11-05", "day", None)),  # no offset: no instant
        (1572962580, ("2019-11-05", "day", "2019-11-05T14:03:00+00:00")),
        ("1572962580", ("2019-11-05", "day", "2019-11-05T14:03:00+00:00")),
        ("1572962580000", ("2019-11-05", "day", "2019-11-05T14:03:00+00:00")),
        ("", (None, None, None)),
        (None, (None, None, None)),
    ],
)
def test_layouts(raw: object, expected: tuple[str | None, str | None, str | None]) -> None:
    assert parse(raw) == ParsedDate(*expected)


@pytest.mark.parametrize(
    "raw", ["gisteren", "2019-13", "32 januari 2019", "31-02-2019", "5 foo 2019", "25:61 uur"]
)
def test_nonsense_is_an_error(raw: str) -> None:
    with pytest.raises(ValueError, match="unparseable date"):
        parse(raw)


def test_partial_keeps_what_was_known() -> None:
    assert [parse(x).partial for x in ("2019-06", "2019", "3 juni 2019")] == [
        "2019-06",
        "2019",
        "2019-06-03",
    ]
