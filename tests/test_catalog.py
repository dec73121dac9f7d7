"""Entity links across articles (issue 10): a lone surname counts under the one full name
of a person in the dataset, only when exactly one fits, on whole words, and the links are
remade from every stored row, so that a dataset grown over runs equals one made at once.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from conftest import build_tiny_nlp

from newsclaims.entities import entity_id_for, fold
from newsclaims.runner import run
from newsclaims.store import Store
from newsclaims.store_schema import DB_NAME
from newsclaims.tables import SET_FILES

Referent = tuple[str, str]  # (name as the article's catalog names it, label)


def _store_dataset(out: Path, articles: list[list[Referent]]) -> None:
    """A dataset written through the store API: one article per list, one referent per
    (name, label) with two mentions, as the extractor would have stored them."""
    out.mkdir(parents=True, exist_ok=True)
    store = Store(out)
    store.begin()
    for seq, referents in enumerate(articles):
        aid = f"a{seq}"
        store.add(
            "articles",
            {
                "article_id": aid,
                "source": "test",
                "record": f"line {seq + 1}",
                "text": "",
                "date": f"2019-11-{seq + 1:02d}",
                "status": "ok",
                "n_chars": 0,
                "n_sentences": 0,
                "n_tokens": 0,
                "seq": seq,
                "text_sha1": str(seq),
                "analysis_version": "test",
                "run_id": 1,
            },
        )
        for idx, (name, label) in enumerate(referents):
            store.add(
                "article_entities",
                {
                    "article_id": aid,
                    "entity_idx": idx,
                    "entity_id": entity_id_for(fold(name)),
                    "catalog_name": name,
                    "catalog_key": fold(name),
                    "label": label,
                    "n_mentions": 2,
                    "names": [name],
                    "name_keys": [fold(name)],
                },
            )
    store.rebuild_catalog()
    store.commit()
    store.close()


def _links(out: Path) -> dict[str, str]:
    con = duckdb.connect(str(out / DB_NAME), read_only=True)
    try:
        return dict(con.execute("SELECT name, canonical_name FROM entity_links").fetchall())
    finally:
        con.close()


CASES = [
    pytest.param(
        [[("Mark Rutte", "PER")], [("Rutte", "PER")]],
        {"Rutte": "Mark Rutte"},
        id="surname-to-the-one-full-name",
    ),
    pytest.param(
        [[("Recep Tayyip Erdoğan", "PER")], [("ERDOGAN", "PER")]],
        {"ERDOGAN": "Recep Tayyip Erdoğan"},
        id="folded-case-and-accents",
    ),
    pytest.param(
        [[("Boris Johnson", "PER")], [("Dustin Johnson", "PER")], [("Johnson", "PER")]],
        {},
        id="ambiguous-surname",
    ),
    pytest.param(
        [[("Stef Blok", "PER")], [("Blok", "ORG")]],
        {},
        id="other-label",
    ),
    pytest.param(
        [
            [("Europese Unie", "ORG"), ("Noord Holland", "LOC")],
            [("Unie", "ORG"), ("Holland", "LOC")],
        ],
        {},
        id="organisations-and-places-never",
    ),
    pytest.param(
        [[("Kees Jansen", "PER")], [("Jan", "PER")], [("Sen", "PER")], [("Kees", "PER")]],
        {},
        id="no-substring-no-first-name",
    ),
    pytest.param(
        [[("Virgil van Dijk", "PER")], [("Van Dijk", "PER")], [("Dijk", "PER")]],
        {"Van Dijk": "Virgil van Dijk", "Dijk": "Virgil van Dijk"},
        id="surname-with-particle",
    ),
    pytest.param(
        [[("Virgil van Dijk", "PER")], [("Jan van Dijk", "PER")], [("Van Dijk", "PER")]],
        {},
        id="surname-with-particle-ambiguous",
    ),
    pytest.param(
        [
            [("Charles Leclerc", "PER")],
            [("Charles Michel", "PER")],
            [("Prins Charles", "PER")],
            [("Charles", "PER")],
        ],
        {},
        id="opens-more-names-than-it-ends-a-first-name",
    ),
    pytest.param(
        [[("Eric Wiebes", "PER")], [("Lorena Wiebes", "ORG")], [("Wiebes", "PER")]],
        {},
        id="an-organisation-name-competes",
    ),
    pytest.param(
        [
            [("Joost Vullings", "PER")],
            [("De stemming van Vullings", "MISC")],
            [("Vullings", "PER")],
        ],
        {"Vullings": "Joost Vullings"},
        id="a-work-does-not-compete",
    ),
    pytest.param(
        [
            [("Primoz Roglic", "PER")],
            [("Rodetruidrager Primoz Roglic", "PER")],
            [("Roglic", "PER")],
        ],
        {"Roglic": "Primoz Roglic"},
        id="the-shortest-of-a-chain-not-a-glued-title",
    ),
    pytest.param(
        [[("Keisuke Honda", "PER")], [("Honda", "PER")], [("Honda", "PER")], [("Honda", "ORG")]],
        {},
        id="short-form-not-a-person-in-every-article",
    ),
    pytest.param(
        [
            [("Mark Rutte", "PER")],
            [("Mark Rutte", "PER")],
            [("Rutte", "PER")],
            [("Mark Rutte", "ORG"), ("Zuid Korea", "LOC")],
            [("Korea", "LOC")],
        ],
        {"Rutte": "Mark Rutte"},
        id="host-label-by-majority",
    ),
]


@pytest.mark.parametrize(("articles", "expected"), CASES)
def test_links_across_articles(
    tmp_path: Path, articles: list[list[Referent]], expected: dict[str, str]
) -> None:
    _store_dataset(tmp_path, articles)
    assert _links(tmp_path) == expected
    con = duckdb.connect(str(tmp_path / DB_NAME), read_only=True)
    names = {r[0] for r in con.execute("SELECT name FROM entities").fetchall()}
    con.close()
    every = {name for referents in articles for name, _ in referents}
    assert names == every - set(expected)  # one catalog row per person


def test_linked_counts_add_up_and_an_article_counts_once(tmp_path: Path) -> None:
    """An article holding both forms as separate referents is one article of the person."""
    _store_dataset(
        tmp_path,
        [[("Mark Rutte", "PER")], [("Rutte", "PER")], [("Rutte", "PER"), ("Mark Rutte", "PER")]],
    )
    con = duckdb.connect(str(tmp_path / DB_NAME), read_only=True)
    rows = con.execute(
        "SELECT entity_id, name, label, aliases, n_mentions, n_articles, first_date, last_date "
        "FROM entities"
    ).fetchall()
    ids = con.execute("SELECT DISTINCT entity_id FROM article_entities").fetchall()
    con.close()
    [(eid, name, label, aliases, n_mentions, n_articles, first, last)] = rows
    assert (eid, name, label, aliases) == (
        entity_id_for("mark rutte"),
        "Mark Rutte",
        "PER",
        ["Rutte"],
    )
    assert (n_mentions, n_articles) == (8, 3)
    assert (first.isoformat(), last.isoformat()) == ("2019-11-01", "2019-11-03")
    assert ids == [(eid,)]


# -- end to end: newsclaims.run with a tiny pipeline that knows the names ---------------

PATTERNS = [
    {"label": "PER", "pattern": name}
    for name in ("Mark Rutte", "Rutte", "Boris Johnson", "Dustin Johnson", "Johnson")
]
RUTTE = "Volgens Mark Rutte gaat het goed."
LONE_RUTTE = '"Het gaat goed," zei Rutte. Rutte wil 300 miljoen euro investeren, zegt Rutte.'


def _jsonl(path: Path, texts: dict[str, str]) -> Path:
    rows = [{"id": k, "date": "2019-11-05", "text": v} for k, v in texts.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _rows(out: Path, table: str) -> list[dict]:
    lines = (out / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(x) for x in lines]


def _exports(out: Path) -> dict[str, bytes]:
    return {n: (out / n).read_bytes() for n in SET_FILES if n != "manifest.json"}


def test_mentions_quotes_and_claims_point_at_the_full_name(tmp_path: Path) -> None:
    nlp = build_tiny_nlp(PATTERNS)
    dump = _jsonl(tmp_path / "in.jsonl", {"r1": RUTTE, "r2": LONE_RUTTE})
    out = tmp_path / "out"
    run([str(dump)], out, language=nlp)
    rutte = entity_id_for("mark rutte")
    [entity] = [e for e in _rows(out, "entities") if e["entity_id"] == rutte]
    assert (entity["name"], entity["aliases"], entity["n_articles"]) == ("Mark Rutte", ["Rutte"], 2)
    assert not [e for e in _rows(out, "entities") if e["name"] == "Rutte"]
    lone = [m for m in _rows(out, "mentions") if m["article_id"] == "r2"]
    assert lone and {(m["entity_id"], m["text"]) for m in lone} == {(rutte, "Rutte")}
    quotes = [q for q in _rows(out, "quotes") if q["article_id"] == "r2"]
    assert quotes and {q["speaker_entity_id"] for q in quotes} == {rutte}
    claims = [c for c in _rows(out, "claims") if c["article_id"] == "r2"]
    assert claims and {c["source_entity_id"] for c in claims} == {rutte}
    # In the store as in the files: every entity id joins to a catalog row.
    con = duckdb.connect(str(out / DB_NAME), read_only=True)
    dangling = con.execute(
        "SELECT count(*) FROM (SELECT entity_id AS id FROM mentions UNION ALL "
        "SELECT speaker_entity_id FROM quotes UNION ALL SELECT source_entity_id FROM claims "
        "UNION ALL SELECT subject_entity_id FROM claims) "
        "WHERE id IS NOT NULL AND id NOT IN (SELECT entity_id FROM entities)"
    ).fetchall()
    own = con.execute("SELECT DISTINCT own_entity_id FROM mentions WHERE article_id = 'r2'")
    assert dangling == [(0,)] and own.fetchall() == [(entity_id_for("rutte"),)]
    con.close()


@pytest.mark.parametrize(
    ("first", "second", "linked_after"),
    [
        pytest.param(
            {"j1": "Boris Johnson zei dat."}, {"j3": "Dustin Johnson zei dat."}, False, id="undone"
        ),
        pytest.param({"j3": "Johnson zei dat."}, {"j1": "Boris Johnson zei dat."}, True, id="made"),
    ],
)
def test_a_later_run_makes_or_undoes_a_link_as_a_fresh_run_would(
    tmp_path: Path, first: dict[str, str], second: dict[str, str], linked_after: bool
) -> None:
    """A link made or undone by a later run rewrites ids in rows exported earlier: the
    grown dataset still exports the bytes of one run over both dumps."""
    nlp = build_tiny_nlp(PATTERNS)
    lone = {"j2": LONE_RUTTE.replace("Rutte", "Johnson")}
    a = _jsonl(tmp_path / "in" / "a.jsonl", {**first, **lone})
    b = _jsonl(tmp_path / "in" / "b.jsonl", second)
    grown = tmp_path / "grown"
    run([str(a)], grown, language=nlp)
    assert ("Johnson" in _links(grown)) is ("j1" in first)
    run([str(b)], grown, language=nlp)
    assert ("Johnson" in _links(grown)) is linked_after
    run([str(a), str(b)], tmp_path / "once", language=nlp)
    assert _exports(grown) == _exports(tmp_path / "once")
    speakers = {q["speaker_entity_id"] for q in _rows(grown, "quotes") if q["article_id"] == "j2"}
    target = "boris johnson" if linked_after else "johnson"
    assert speakers == {entity_id_for(target)}


@pytest.mark.parametrize(
    ("first", "second", "restated"),
    [
        pytest.param(
            {"r1": RUTTE},
            {"r2": LONE_RUTTE},
            set(),
            id="only-this-runs-rows-move",
        ),
        pytest.param(
            {"r2": LONE_RUTTE},
            {"r1": RUTTE},
            {"article_entities", "mentions", "quotes", "claims"},
            id="an-earlier-runs-rows-move",
        ),
    ],
)
def test_only_rows_of_earlier_runs_that_move_restate_a_table(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    first: dict[str, str],
    second: dict[str, str],
    restated: set[str],
) -> None:
    """A lone "Rutte" arriving after "Mark Rutte" moves only the new run's rows: the
    committed exports stay valid and are appended to. "Mark Rutte" arriving after a lone
    "Rutte" moves rows already exported: those tables are written anew."""
    from newsclaims import catalog

    nlp = build_tiny_nlp(PATTERNS)
    out = tmp_path / "out"
    run([str(_jsonl(tmp_path / "a.jsonl", first))], out, language=nlp)
    seen: list[frozenset[str]] = []
    rebuild = catalog.rebuild

    def watched(con: object, since: int | None = None, **kw: object) -> frozenset[str]:
        seen.append(rebuild(con, since, **kw))
        return seen[-1]

    monkeypatch.setattr(catalog, "rebuild", watched)
    run([str(_jsonl(tmp_path / "b.jsonl", second))], out, language=nlp)
    assert seen == [frozenset(restated)]
    assert "Rutte" in _links(out)


def test_a_link_rewrites_no_row_the_view_gives_the_catalogs_id(tmp_path: Path) -> None:
    """A stored row keeps the id its article gave (``own_entity_id``); the table's view
    gives the catalog's id through ``entity_links``, so a link made or undone rewrites no
    stored row (an UPDATE held what it touched in memory until the commit: issue 13)."""
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    out.mkdir()
    store = Store(out)
    store.begin()
    row = {"article_id": "a0", "entity_idx": 0, "entity_id": "e1", "catalog_name": "Rutte"}
    row |= {"catalog_key": "rutte", "label": "PER", "n_mentions": 1, "names": ["Rutte"]}
    store.add("article_entities", {**row, "name_keys": ["rutte"]})
    store.publish()
    query = "SELECT entity_id, own_entity_id FROM article_entities"
    before = store.con.execute(query).fetchall()
    store.con.execute("INSERT INTO entity_links VALUES ('e1', 'Rutte', 'e9', 'Mark Rutte')")
    after = store.con.execute(query).fetchall()
    store.commit()
    store.close()
    (part,) = (out / "newsclaims.parts" / "article_entities").glob("run-*.parquet")
    stored = pq.read_table(part)
    assert before == [("e1", "e1")] and after == [("e9", "e1")]
    assert "entity_id" not in stored.column_names
    assert stored["own_entity_id"].to_pylist() == ["e1"]
