"""The CSV and JSONL cells DuckDB writes (``newsclaims.exportsql``) are the bytes Python's
``csv`` and ``json`` writers wrote before: checked on awkward values against a reference
written here in Python, and through DuckDB's ``COPY`` with the options the exports use."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsclaims import exports
from newsclaims.exportsql import csv_header, csv_select, guarded, jsonl_query, literal
from newsclaims.store_schema import DUCKDB_TYPES
from newsclaims.tabledefs import LIST_SEPARATOR, TABLES, Table

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _reference_guard(text: str) -> str:
    """The CSV guard as Python wrote it (OWASP: a leading ' unless a plain number)."""
    import re

    plain = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?")
    return "'" + text if text.startswith(_FORMULA) and not plain.fullmatch(text) else text


def _reference_csv_cell(value: Any, guard: bool) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, str):
        return _reference_guard(value) if guard else value
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return value


def _reference(table: Table, rows: Sequence[Sequence[Any]], guard: bool) -> tuple[bytes, bytes]:
    """CSV and JSONL of ``rows`` as Python's writers made them."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    keep = [i for i, c in enumerate(table.columns) if not c.jsonl_only]
    writer.writerow([table.columns[i].name for i in keep])
    names = [c.name for c in table.columns]
    lines = []
    for row in rows:
        cells = [
            json.loads(v) if c.type == "object" and v else v
            for c, v in zip(table.columns, row, strict=True)
        ]
        writer.writerow(
            [
                json.dumps(cells[i], ensure_ascii=False)
                if isinstance(cells[i], dict)
                else _reference_csv_cell(cells[i], guard)
                for i in keep
            ]
        )
        lines.append(json.dumps(dict(zip(names, cells, strict=True)), ensure_ascii=False) + "\n")
    return out.getvalue().encode(), "".join(lines).encode()


def _duckdb(
    table: Table, rows: Sequence[Sequence[Any]], guard: bool, tmp: Path
) -> tuple[bytes, bytes]:
    """CSV and JSONL of ``rows`` as the exports write them with DuckDB."""
    con = duckdb.connect()
    types = {**DUCKDB_TYPES, "datetime": "VARCHAR"}  # the exports write it as local text
    cols = ", ".join(f'"{c.name}" {types[c.type]}' for c in table.columns)
    con.execute(f"CREATE TABLE t (n INTEGER, {cols})")
    marks = ", ".join("?" for _ in range(len(table.columns) + 1))
    if rows:
        con.executemany(f"INSERT INTO t VALUES ({marks})", [[i, *r] for i, r in enumerate(rows)])
    exprs = {c.name: f't."{c.name}"' for c in table.columns}

    def ordered(select: str) -> str:
        return f"SELECT {select} FROM t ORDER BY t.n"

    con.execute(
        f"COPY ({ordered(csv_select(table, exprs, guard=guard))}) TO '{tmp / 'x.csv'}' "
        f"({exports._CSV.format(header='true')})"
    )
    con.execute(
        f"COPY ({jsonl_query(table, exprs, ordered)}) TO '{tmp / 'x.jsonl'}' ({exports._LINES})"
    )
    return (tmp / "x.csv").read_bytes(), (tmp / "x.jsonl").read_bytes()


AWKWARD_TEXT = [
    "Gewoon tekst",
    "",
    None,
    'komma, en "aanhalingstekens"',
    "regel\neinde",
    "wagen\rterug",
    "#20: 'Red Bull'",
    '=HYPERLINK("http://x")',
    "-5",
    "+1.5e3",
    "-zo'n",
    "\tinspring",
    "controle \x01 \x0b \x1b \x1f \x7f",
    "letterlijk \\u001B en \\\\",
    "\x1b\x1b\x1b na elkaar, \\\x1e achter een backslash",
    "é ü ß € \u2028 \U0001f600",
    " spaties ",
]
AWKWARD_NUMBERS = [
    None,
    0.0,
    -0.0,
    20000.0,
    -5.0,
    -7.5,
    0.5,
    1e-05,
    1e15,
    1e16,
    123456789012.5,
    1 / 3,
]


@pytest.mark.parametrize("guard", [True, False])
def test_claims_cells_are_the_bytes_python_wrote(tmp_path: Path, guard: bool) -> None:
    table = TABLES["claims"]
    rows = []
    for i, (text, number) in enumerate(zip(AWKWARD_TEXT * 2, AWKWARD_NUMBERS * 3, strict=False)):
        row: list[Any] = []
        for c in table.columns:
            row.append(
                {"integer": i, "number": number, "date": None}.get(c.type, text)
                if c.name != "date"
                else "2019-10-0" + str(i % 9 + 1)
            )
        rows.append(row)
    assert _duckdb(table, rows, guard, tmp_path) == _reference(table, rows, guard)


def test_lists_objects_and_dates_are_the_bytes_python_wrote(tmp_path: Path) -> None:
    table = TABLES["articles"]
    values: dict[str, list[Any]] = {
        "list": [["sport", "autosport"], [], None, ["=x", "a|b", "\x1b"]],
        "object": [
            '{"rubriek": "sport", "n": 2}',
            None,
            '{"a": [1, 2.5, null]}',
            '{"x": "é \\u001b \\\\u001B"}',  # an escape as Python writes it, and a literal
        ],
        "date": ["2019-10-14", None, "2020-02-29", "2019-01-01"],
        "datetime": ["2019-10-14T15:11:11+02:00", None, "2019-10-14T15:11:11-05:30", None],
        "integer": [1, None, 0, -3],
    }
    rows = [
        [
            values.get(c.type, AWKWARD_TEXT[(i * 3 + j) % len(AWKWARD_TEXT)])[i]
            if c.type in values
            else AWKWARD_TEXT[(i * 3 + j) % len(AWKWARD_TEXT)]
            for j, c in enumerate(table.columns)
        ]
        for i in range(4)
    ]
    assert _duckdb(table, rows, True, tmp_path) == _reference(table, rows, True)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x","klik")', '\'=HYPERLINK("http://x","klik")'),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-5", "-5"),
        ("+1.5e3", "+1.5e3"),
        ("Gewoon tekst", "Gewoon tekst"),
        ("", ""),
    ],
)
def test_guard(cell: str, expected: str) -> None:
    cell = "NULLIF(" + literal(cell) + ", '')"  # as csv_cell hands it over
    assert duckdb.execute(f"SELECT coalesce({guarded(cell)}, '')").fetchone() == (expected,)


def test_header_is_the_csv_first_line(tmp_path: Path) -> None:
    table = TABLES["mentions"]
    csv_bytes, jsonl = _duckdb(table, [], True, tmp_path)
    assert csv_bytes == csv_header(table) and jsonl == b""


@pytest.mark.parametrize("guard", [True, False])
def test_csv_guard_only_in_csv_and_never_on_numbers(tmp_path: Path, guard: bool) -> None:
    table = TABLES["claims"]
    given = {"claim_id": "=c1", "text": "=1+1", "cue": "-zo'n", "source": "+src"}
    numbers = {"value": -5.0, "low": -7.5}
    row = [
        given.get(c.name, numbers.get(c.name, 0 if c.type == "integer" else None))
        for c in table.columns
    ]
    csv_bytes, jsonl = _duckdb(table, [row], guard, tmp_path)
    [cells] = list(csv.DictReader(io.StringIO(csv_bytes.decode())))
    prefix = "'" if guard else ""
    assert {k: cells[k] for k in given} == {k: prefix + v for k, v in given.items()}
    assert (cells["value"], cells["low"]) == ("-5", "-7.5")
    raw = json.loads(jsonl)
    assert (raw["claim_id"], raw["value"], raw["cue"]) == ("=c1", -5.0, "-zo'n")
