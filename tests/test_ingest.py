from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsclaims.ingest import FieldMap, Ingestor, normalise_text, parse_date, read_articles
from newsclaims.records import Article, Reject


def _split(records: list[Article | Reject]) -> tuple[list[Article], list[Reject]]:
    return (
        [r for r in records if isinstance(r, Article)],
        [r for r in records if isinstance(r, Reject)],
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2018-12", ("2018-12", None)),
        ("2018-12-03", ("2018-12-03", None)),
        ("2019", ("2019", None)),
        ("Tue, 01 Oct 2019 22:01:08 +0200", ("2019-10-01", "2019-10-01T22:01:08+02:00")),
        ("2019-11-06T14:30:00+01:00", ("2019-11-06", "2019-11-06T14:30:00+01:00")),
        ("2019-11-06T14:30:00Z", ("2019-11-06", "2019-11-06T14:30:00+00:00")),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_parse_date(raw: str | None, expected: tuple[str | None, str | None]) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["gisteren", "2019-13", "32 januari", "2019-02-30"])
def test_parse_date_rejects_nonsense(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_date(raw)


def test_text_file_with_header(tmp_path: Path) -> None:
    (tmp_path / "abc.txt").write_text(
        " date 2019-03 Eerste zin.\n\nTweede alinea.\n", encoding="utf-8"
    )
    [article] = list(read_articles([tmp_path]))
    assert isinstance(article, Article)
    assert article.article_id == "abc"
    assert (article.date, article.date_precision) == ("2019-03-01", "month")
    assert article.text == "Eerste zin.\n\nTweede alinea."
    assert article.record == "file"


def test_text_file_without_header_and_gzip(tmp_path: Path) -> None:
    (tmp_path / "x.txt.gz").write_bytes(gzip.compress(b"Geen kop hier."))
    [article] = list(read_articles([tmp_path / "*.gz"]))
    assert isinstance(article, Article)
    assert (article.article_id, article.date, article.text) == ("x", None, "Geen kop hier.")


def test_nfc_and_line_endings() -> None:
    assert normalise_text("Erdog\u0306an\r\nzei") == "Erdoğan\nzei"


def test_jsonl_bad_records_become_specific_rejects(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"id": 7, "date": "Tue, 01 Oct 2019 22:01:08 +0200", "text": "Een tekst."}
        ).encode(),
        b"{not json",
        json.dumps({"id": "b", "text": ""}).encode(),
        json.dumps([1, 2]).encode(),
        b'{"id": "c", "text": "caf\xe9"}',
        json.dumps({"id": "d", "date": "ooit", "text": "Andere tekst."}).encode(),
        json.dumps({"id": 7, "text": "Nog een tekst."}).encode(),
        json.dumps({"id": "e", "text": "Een tekst."}).encode(),
    ]
    (tmp_path / "dump.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    articles, rejects = _split(list(read_articles([tmp_path / "dump.jsonl"])))
    assert len(articles) + len(rejects) == len(lines)
    reasons = {r.record: r.reason for r in rejects}
    assert "malformed JSON" in reasons["line 2"]
    assert "empty body" in reasons["line 3"]
    assert "not an object" in reasons["line 4"]
    assert "not valid UTF-8" in reasons["line 5"]
    by_id = {a.article_id: a for a in articles}
    assert by_id["7"].date == "2019-10-01"
    assert by_id["d"].date is None and "unparseable date" in by_id["d"].warnings[0]
    assert "7~2" in by_id and "duplicate article_id" in by_id["7~2"].warnings[0]
    assert by_id["e"].status == "duplicate_of:7"
    assert not by_id["e"].analysed


def test_csv_with_and_without_text_column(tmp_path: Path) -> None:
    (tmp_path / "good.csv").write_text(
        'id,published_at,title,body\n1,2019-02-12,Kop,"Tekst met, komma.\n\nEn alinea."\n',
        encoding="utf-8",
    )
    (tmp_path / "bad.csv").write_text("id,titel\n1,a\n2,b\n", encoding="utf-8")
    articles, rejects = _split(list(read_articles([tmp_path])))
    assert [a.text for a in articles] == ["Tekst met, komma.\n\nEn alinea."]
    assert articles[0].title == "Kop" and articles[0].record == "row 2"
    assert len(rejects) == 2 and all("no text column" in r.reason for r in rejects)


def test_field_renaming(tmp_path: Path) -> None:
    (tmp_path / "d.jsonl").write_text(
        json.dumps({"key": "k1", "inhoud": "Hallo daar."}) + "\n", encoding="utf-8"
    )
    fields = FieldMap().renamed({"id": "key", "text": "inhoud"})
    [article] = list(Ingestor(fields).read([tmp_path / "d.jsonl"]))
    assert isinstance(article, Article) and article.article_id == "k1"
    with pytest.raises(ValueError, match="unknown field"):
        FieldMap().renamed({"tekst": "x"})


def test_missing_inputs_and_unsupported_files(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK")
    (tmp_path / "broken.jsonl.gz").write_bytes(b"not gzip at all")
    records = list(
        read_articles(
            [
                tmp_path / "nope",
                tmp_path / "*.xml",
                tmp_path / "notes.docx",
                tmp_path / "broken.jsonl.gz",
            ]
        )
    )
    reasons = [r.reason for r in records if isinstance(r, Reject)]
    assert len(reasons) == 4
    assert "no such file" in reasons[0]
    assert "glob matches no files" in reasons[1]
    assert "unsupported file type" in reasons[2]
    assert "gzip" in reasons[3]


def test_undecodable_text_file(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes("Caf\u00e9 in Gent".encode("latin-1"))
    [reject] = list(read_articles([tmp_path]))
    assert isinstance(reject, Reject) and "not valid UTF-8: byte 0xe9" in reject.reason


def test_long_csv_field_and_truncated_gzip(tmp_path: Path) -> None:
    body = "Lange tekst. " * 20000
    (tmp_path / "long.csv").write_text(f'id,text\nx,"{body}"\n', encoding="utf-8")
    good = "\n".join(json.dumps({"id": i, "text": f"Artikel {i}."}) for i in range(50))
    (tmp_path / "cut.jsonl.gz").write_bytes(gzip.compress(good.encode())[:-30])
    records = list(read_articles([tmp_path / "long.csv", tmp_path / "cut.jsonl.gz"]))
    assert isinstance(records[0], Article) and len(records[0].text) == len(body.strip())
    assert isinstance(records[-1], Reject) and "cannot read file" in records[-1].reason
    assert records[-1].record.startswith("after line")


def test_count_records_for_the_progress_bar(tmp_path: Path) -> None:
    from newsclaims.ingest import count_records

    (tmp_path / "a.txt").write_text("Tekst.", encoding="utf-8")
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(b'{"text": "x"}\n\n{"text": "y"}\n'))
    assert count_records([tmp_path / "a.txt", tmp_path / "b.jsonl.gz"]) == 3
    (tmp_path / "c.csv").write_text("text\nx\n", encoding="utf-8")
    assert count_records([tmp_path / "c.csv"]) is None
