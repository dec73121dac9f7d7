"""The exported CSV and JSONL cells as DuckDB SQL, generated from the one table definition.

Why SQL: the exports are rewritten from the store after every run, and through Python's
``csv`` and ``json`` writers, with every row pulled through the interpreter, they took
0.85-1.0 s per 500 NOS articles (Parquet included), serial, at the end of the run while
the workers wait. DuckDB's ``COPY`` writes them in C++ in 0.52-0.57 s.

The bytes are those the Python writers wrote (``tests/test_exportsql.py`` compares both on
awkward values), so a dataset exported earlier can still be appended to:

- CSV (RFC 4180 quoting, CRLF line ends, as Python's ``csv`` module): no cell is ``""`` (an
  empty text is written as an empty cell, as Python does); a whole number in a number column
  loses its ``.0`` (``20000``, not ``20000.0``); lists are joined with ``|``; a text cell a
  spreadsheet would execute gets a leading ``'`` (``guarded``).
- JSONL: one object per line with Python's separators (``{"a": 1, "b": "x"}``), non-ASCII
  text as is, numbers in Python's shortest form (``1e-05``), JSON object columns as stored.
  DuckDB writes a few control characters' escapes in upper case (``\\u001B``), Python in
  lower case; ``_lower_escapes`` makes them the same.
"""

from __future__ import annotations

from collections.abc import Callable

from newsclaims.tabledefs import LIST_SEPARATOR, Column, Table

# A leading character that makes a spreadsheet execute the cell, and the plain numbers that
# may start with one ("-5", "+1.5e3") and stay as they are.
FORMULA_START_RE2 = r"^[=+\-@\t\r]"
PLAIN_NUMBER_RE2 = r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?"
# The escapes DuckDB's to_json writes in upper case: U+000B, U+000E, U+000F, U+001A-U+001F.
_UPPER_ESCAPES = ("000B", "000E", "000F", *(f"001{c}" for c in "ABCDEF"))


def literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _lower_escapes(json_text: str) -> str:
    """``to_json``'s text with the control-character escapes Python writes in lower case.

    Only a real escape changes: one whose backslash follows an even run of backslashes
    (``\\u001B`` in the text itself is written ``\\\\u001B`` and stays). A match takes the
    character before it, so two escapes in a row need a second pass.
    """
    out = json_text
    for code in _UPPER_ESCAPES:
        for _ in range(2):
            pattern = literal(r"(^|[^\\])((?:\\\\)*)\\u" + code)
            rewrite = literal(r"\1\2\\u" + code.lower())
            out = f"regexp_replace({out}, {pattern}, {rewrite}, 'g')"
    return out


def guarded(text: str) -> str:
    """A text cell a spreadsheet would execute (``=HYPERLINK(...)``, ``@SUM(A1)``, ``+31 6``)
    made inert with a leading ``'``; plain numbers (``-5``, ``+1.5e3``) stay as they are."""
    return (
        f"CASE WHEN regexp_matches({text}, {literal(FORMULA_START_RE2)}) "
        f"AND NOT regexp_full_match({text}, {literal(PLAIN_NUMBER_RE2)}) "
        f"THEN '''' || {text} ELSE {text} END"
    )


def csv_cell(column: Column, expr: str, *, guard: bool = True) -> str:
    """The CSV cell of one column: ``"-5"`` for a whole number, ``IS|ISIS`` for a list."""
    kind = column.type
    if kind in ("integer", "date"):
        return expr
    if kind == "number":
        return (
            f"CASE WHEN {expr} = trunc({expr}) AND abs({expr}) < 1e15 "
            f"THEN CAST(CAST({expr} AS BIGINT) AS VARCHAR) ELSE CAST({expr} AS VARCHAR) END"
        )
    if kind in ("list", "array"):
        text = f"array_to_string({expr}, {literal(LIST_SEPARATOR)})"
    elif kind in ("object", "datetime", "string"):
        text = f"CAST({expr} AS VARCHAR)"
    else:
        raise ValueError(f"no CSV cell for column type {kind!r} ({column.name})")
    text = f"NULLIF({text}, '')"
    return guarded(text) if guard else text


def json_value(column: Column, expr: str) -> str:
    """The JSON text of one column's value (``null`` for a missing one), with control
    characters' escapes as DuckDB writes them (``jsonl_query`` rewrites those)."""
    kind = column.type

    if kind in ("integer", "number", "object"):
        value = f"CAST({expr} AS VARCHAR)"
    elif kind in ("list", "array"):
        value = f"'[' || array_to_string(list_transform({expr}, lambda x: to_json(x)), ', ') || ']'"
    elif kind in ("date", "string", "datetime"):
        value = f"to_json({expr})"
    else:
        raise ValueError(f"no JSON value for column type {kind!r} ({column.name})")
    return f"coalesce({value}, 'null')"


def csv_select(table: Table, exprs: dict[str, str], *, guard: bool = True) -> str:
    """The select list of a table's CSV export (the columns JSONL alone carries left out)."""
    return ", ".join(
        f'{csv_cell(c, exprs[c.name], guard=guard)} AS "{c.name}"'
        for c in table.columns
        if not c.jsonl_only
    )


def _line(table: Table, exprs: dict[str, str]) -> str:
    parts = []
    for i, c in enumerate(table.columns):
        parts.append(literal(("{" if i == 0 else ", ") + f'"{c.name}": '))
        parts.append(json_value(c, exprs[c.name]))
    return "concat(" + ", ".join(parts) + ", '}')"


def jsonl_query(table: Table, exprs: dict[str, str], ordered: Callable[[str], str]) -> str:
    """The query of a table's JSONL, one column ``line`` (without the line end) a row.

    ``ordered`` makes the rows' query from a select list (``Store.export_query``). Each
    line is built the fast way; the rare line with a ``\\u00`` escape (a control character
    in a text) gets the escapes Python writes. The rewrite works on the whole line: an
    escape can only stand inside a JSON string, so the backslashes before it are that
    string's. Done per column, the rewrite was 18 regular expressions per text column,
    compiled for every ``COPY`` whether a row needed them or not: 30 ms per part of the
    articles table.
    """
    inner = ordered(f"{_line(table, exprs)} AS line")
    return (
        f"SELECT CASE WHEN contains(line, '\\u00') THEN {_lower_escapes('line')} "
        f"ELSE line END AS line FROM ({inner})"
    )


def csv_header(table: Table) -> bytes:
    """The header line of a table's CSV, as the export writes it."""
    names = [c.name for c in table.columns if not c.jsonl_only]
    return (",".join(names) + "\r\n").encode("utf-8")
