from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from newsclaims.tables import TABLES, OutputSet, datapackage, schema_markdown

# Table Schema types the definitions use (list: `|`-joined in CSV, arrays elsewhere)
TABLE_SCHEMA_TYPES = {
    *("string", "integer", "number", "boolean"),
    *("list", "date", "datetime", "object"),
}


def test_every_field_is_documented_and_typed() -> None:
    for table in TABLES.values():
        names = [c.name for c in table.columns]
        assert names == [
            f.name for f in dataclasses.fields(table.row_type) if f.name not in table.exclude
        ]
        assert set(table.primary_key) <= set(names)
        assert all(c.description and c.type in TABLE_SCHEMA_TYPES for c in table.columns)


def test_datapackage_matches_tables_and_keys_resolve() -> None:
    package = datapackage()
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == set(TABLES)
    for name, res in resources.items():
        fields = {f["name"] for f in res["schema"]["fields"]}
        assert set(res["schema"]["primaryKey"]) <= fields
        for fk in res["schema"].get("foreignKeys", []):
            assert fk["fields"] in fields
            target = resources[fk["reference"]["resource"]]
            assert fk["reference"]["fields"] in {f["name"] for f in target["schema"]["fields"]}
        assert "text" not in fields or name != "articles"  # JSONL only


def test_schema_markdown_lists_every_field() -> None:
    md = schema_markdown()
    for table in TABLES.values():
        assert f"## {table.name}" in md
        for col in table.columns:
            assert f"`{col.name}`" in md


def test_claim_and_quote_tables_have_the_issue_fields() -> None:
    claims = [c.name for c in TABLES["claims"].columns]
    assert claims == [
        "claim_id",
        "article_id",
        "sentence_idx",
        "start",
        "end",
        "text",
        "value",
        "low",
        "high",
        "qualifier",
        "cue",
        "unit",
        "counted",
        "category",
        "subject_entity_id",
        "source",
        "source_entity_id",
        "quote_id",
        "date",
    ]
    quotes = [c.name for c in TABLES["quotes"].columns]
    assert quotes == [
        "quote_id",
        "article_id",
        "sentence_idx",
        "start",
        "end",
        "text",
        "kind",
        "speaker",
        "speaker_text",
        "speaker_entity_id",
        "cue",
        "resolution",
        "date",
    ]


def test_abort_leaves_no_tables(tmp_path: Path) -> None:
    outputs = OutputSet(tmp_path)
    (outputs.staging / "rejects.csv").write_text("source,record,reason,article_id\r\n")
    outputs.abort()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", list(TABLES))
def test_primary_keys_documented(name: str) -> None:
    assert f"Primary key: `{', '.join(TABLES[name].primary_key)}`" in schema_markdown()


def test_committed_schema_doc_is_current() -> None:
    doc = Path(__file__).resolve().parent.parent / "docs" / "SCHEMA.md"
    assert doc.read_text(encoding="utf-8").strip() == schema_markdown().strip(), (
        "docs/SCHEMA.md is stale: regenerate with `newsclaims schema > docs/SCHEMA.md`"
    )
