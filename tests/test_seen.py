"""The ingest's index of issued ids and first bodies (``newsclaims.seen``): the same answers
the sets and dicts gave, from a bounded SQLite file."""

from __future__ import annotations

import pytest

from newsclaims.seen import SeenIndex


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
