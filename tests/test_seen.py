"""The run's indexes (``newsclaims.seen``): issued ids and first bodies, and what the store
knew of each article; the same answers the sets and dicts gave, from bounded SQLite files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from newsclaims.runner import run
from newsclaims.seen import Known, KnownArticles, SeenIndex
from newsclaims.store import Store


@pytest.mark.parametrize(
    ("ids", "issued"),
    [
        (["a", "b"], ["a", "b"]),
        (["a", "a", "a"], ["a", "a~2", "a~3"]),
        # an input id that looks like a renamed one is never issued twice
        (["a~2", "a", "a"], ["a~2", "a", "a~3"]),
        (["a", "a", "a~2"], ["a", "a~2", "a~2~2"]),
        # the suffix goes on from the last one handed out for that id
        (["a", "a~3", "a", "a", "a"], ["a", "a~3", "a~2", "a~4", "a~5"]),
        (["ä", "Ä", "ä"], ["ä", "Ä", "ä~2"]),  # ids compare exactly
    ],
)
def test_issue(ids: list[str], issued: list[str]) -> None:
    seen = SeenIndex()
    assert [seen.issue(i) for i in ids] == issued
    seen.close()


def test_first_with_body_is_the_first_article_of_that_body() -> None:
    seen = SeenIndex()
    assert seen.first_with_body(b"x" * 20, "a") == "a"
    assert seen.first_with_body(b"y" * 20, "b") == "b"
    assert seen.first_with_body(b"x" * 20, "c") == "a"
    assert seen.first_with_body(b"x" * 20, "d") == "a"
    seen.close()


def test_stored_bodies_seed_the_index_earliest_first() -> None:
    seen = SeenIndex(iter([(b"x" * 20, "old-1"), (b"x" * 20, "old-2"), (b"z" * 20, "old-3")]))
    assert seen.first_with_body(b"x" * 20, "new") == "old-1"
    assert seen.first_with_body(b"z" * 20, "new") == "old-3"
    assert seen.first_with_body(b"q" * 20, "new") == "new"
    seen.close()


def test_the_index_has_a_bounded_cache_and_starts_empty_after_close() -> None:
    seen = SeenIndex()
    assert seen.con.execute("PRAGMA cache_size").fetchone() == (-2048,)  # KiB
    assert seen.con.execute("PRAGMA database_list").fetchone()[2] == ""  # a temporary file
    seen.issue("a")
    seen.close()
    assert seen.issue("a") == "a"
    seen.close()


def _stored() -> list[tuple[str, str, str, str, int]]:
    # (article_id, text_sha1, analysis_version, status, seq), not in seq order
    return [
        ("c", "cc" * 20, "v2", "ok", 7),
        ("a", "aa" * 20, "v1", "ok", 3),
        ("d", "aa" * 20, "v1", "duplicate_of:a", 9),
        ("b", "bb" * 20, "v2", "ok", 5),
    ]


def test_known_articles_answer_by_id() -> None:
    known = KnownArticles(iter(_stored()))
    assert known.get("b") == Known("bb" * 20, "v2", "ok", 5)
    assert known.get("zz") is None
    assert known["d"].status == "duplicate_of:a"
    with pytest.raises(KeyError):
        known["zz"]
    known.close()


def test_known_articles_give_first_bodies_in_stored_order_and_held_bodies() -> None:
    known = KnownArticles(iter(_stored()))
    assert list(known.first_bodies()) == [
        (bytes.fromhex("aa" * 20), "a"),
        (bytes.fromhex("bb" * 20), "b"),
        (bytes.fromhex("cc" * 20), "c"),
    ]
    assert sorted(known.bodies_at("v2")) == ["bb" * 20, "cc" * 20]
    assert known.bodies_at("v3") == []
    known.close()


def test_the_store_streams_its_known_articles_in_batches(
    tmp_path: Path, tiny_nlp: Language
) -> None:
    texts = [f"De gemeente Utrecht opent {i} nieuwe scholen in de stad." for i in range(5)]
    dump = tmp_path / "in.jsonl"
    dump.write_text(
        "".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate(texts))
    )
    run([str(dump)], tmp_path / "out", language=tiny_nlp)
    db = Store(tmp_path / "out")
    try:
        rows = db.known_articles(batch=2)
        first = next(rows)
        assert first[0] == "a0" and first[3] == "ok" and len(first[1]) == 40
        assert [r[0] for r in rows] == ["a1", "a2", "a3", "a4"]
    finally:
        db.close()
