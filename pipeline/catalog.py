"""The entity catalog across articles: a lone surname counts under the one full name.

Within an article, ``entities.linking`` already joins a short form to the full name it
stands for ("Trump" after "Donald Trump"). Across articles nothing did: an article that
only says "Rutte" gave the catalog an entity "Rutte" beside "Mark Rutte", so an analyst
counting what Rutte said, or how often he is named, saw two people. This module links
them when the dataset leaves no doubt, and rebuilds the catalog (``entities``) with the
links applied.

The rule (``LINKS_SQL``), over every referent the store holds, names compared folded
(case and accents) and on whole words, never on a substring:

* A *short form* is a person's surname alone ("Rutte") or behind name particles ("Van
  Dijk", "Van 't Erve"), that is a person (PER) in every article that names it, and no
  first name: not in the first-name lexicon, and not a word that opens more full names
  in the dataset than it ends ("Charles": Charles Leclerc, Charles Michel, Prins
  Charles). First names alone are never linked: across thousands of articles a first
  name is never unique for long, and its link would come and go with every dump.
* Its *hosts* are the longer names (PER, ORG or LOC) that end with all its words:
  "Mark Rutte" for "Rutte", "Virgil van Dijk" for "Van Dijk" and for "Dijk". "Jan" is
  no short form of "Jan Jansen" (it does not end it), "Sen" none of "Jansen" (not a
  whole word). A host that is a short form of a longer host stands aside for it.
* The short form is linked when its hosts are one name, or one name with words glued
  in front ("Primoz Roglic" and "Rodetruidrager Primoz Roglic": the shortest is taken),
  and that name is a person. "Johnson" with "Boris Johnson" and "Dustin Johnson" stays
  its own entity, and so does "Wiebes" beside "Eric Wiebes" and a "Lorena Wiebes" the
  NER took for an organisation: a missed link only splits a count, a false one puts
  words in the wrong person's mouth.
* Persons only. A one-word organisation or place that ends a longer name is often
  another referent ("Kamer" of "Eerste Kamer" or "Tweede Kamer", "Unie" of "Afrikaanse
  Unie", "Bank" of "Europese Centrale Bank"); an article's context can tell them apart,
  the dataset cannot, and "VS" / "Verenigde Staten" is the alias table's business.

The links are derived afresh from every stored row in ``rebuild``, so a later run can
make a link (a first "Mark Rutte" arrives) or undo one (a second "... Johnson" arrives),
and a dataset built over several runs equals one built in a single run.

Why the store's tables give the catalog's ids, not only the exports: the analyst's
view, in the files and in ``newsclaims sql`` alike, must be that one person is
one catalog row, and that every ``entity_id``, ``speaker_entity_id`` and
``source_entity_id``/``subject_entity_id`` joins to that row. A redirect applied only at
export time would leave the store's ``mentions`` pointing at ids missing from
``entities``. So each such column has a store-only twin (``own_entity_id``, ...) holding
the id the article's own analysis gave, which is what the stored row keeps; the column of
the table is the twin through the links, computed by the table's view
(``newsclaims.store_parts``), so that a link made or undone rewrites no row (an UPDATE
kept what it touched in memory until the commit, and one over every row of a single
100,000-article run broke the memory cap: issue 13). A ``canonical_id`` column beside an
unchanged ``entity_id`` would have given every analyst two ids to choose from, and the
wrong one by default. The links themselves are kept in the store-only table
``entity_links``. As rows exported by earlier runs can change ids, ``rebuild`` names the
tables where that happened and the exports write those in full instead of appending.
A mention keeps its own text and ``entity_name`` (what the
article wrote); the catalog lists the short form among the
full name's ``aliases`` and counts its mentions, articles and dates.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from newsclaims import lexicon
from newsclaims.namekeys import fold
from newsclaims.tabledefs import Column, Table

# Every column that holds a catalog entity id, by table: rewritten when links change.
REDIRECTED: dict[str, tuple[str, ...]] = {
    "article_entities": ("entity_id",),
    "mentions": ("entity_id",),
    "quotes": ("speaker_entity_id",),
    "claims": ("source_entity_id", "subject_entity_id"),
}


def own_column(column: str) -> str:
    """The store-only twin of an entity id column: the id its own article gave."""
    return f"own_{column}"


def own_columns(table: str) -> list[Column]:
    """The twins of ``table``'s entity id columns, as store provenance columns."""
    return [
        Column(
            own_column(col),
            "string",
            f"the id the article's own analysis gave (`{col}` is it after the catalog's "
            "links across articles; see `entity_links`)",
            False,
        )
        for col in REDIRECTED.get(table, ())
    ]


@dataclass(frozen=True)
class EntityLinkRow:
    """One short form counted under a full name across the dataset."""

    entity_id: str
    name: str
    canonical_id: str
    canonical_name: str


ENTITY_LINKS = Table(
    "entity_links",
    EntityLinkRow,
    "Store only: the catalog's links across articles, rebuilt after every run. A "
    "person's name that ends exactly one fuller person's name in the dataset, on whole "
    'words ("Rutte" and "Mark Rutte"), counts under that name: every row that '
    "pointed at `entity_id` points at `canonical_id`. An ambiguous short form "
    '("Johnson" with two first names) is not linked; organisations, places and first '
    "names alone never are.",
    ("entity_id",),
    {
        "entity_id": "the short form's own id (what its articles gave it)",
        "name": "the short form's name",
        "canonical_id": "the catalog entity it counts under",
        "canonical_name": "that entity's name",
    },
)

# Words that may stand before a surname in its short form ("Van der Poel", "Van 't Erve").
PARTICLES = ("van", "de", "der", "den", "het", "'t", "te", "ter", "ten", "op", "in", "von")
PARTICLES += ("zu", "di", "da", "del", "della", "dos", "du", "des", "la", "le", "el", "al")
FIRST_NAMES = "_catalog_first_names"  # the lexicon's first names, registered for LINKS_SQL


def _temp(step: str) -> str:
    """The temporary view of one step of the catalog's queries."""
    return f"_catalog_{step}"


# The links are found in steps, each a Parquet file (``rebuild``'s ``scratch``, not a
# temporary table) read by the next ones (a CTE read three times was held in memory whole
# and broke a 64 MB cap at 100,000 articles; a file is on disk). Each per-referent "first
# name seen" is an arg_min, whose state is one row, not the ordered aggregate that keeps
# every input row of its group. (A join of the stored rows as a temporary VIEW instead
# held less at 5,000 articles but broke the 128 MB cap at 400,000: a hash join with every
# article in each query that reads it.)
LINK_STEPS: tuple[tuple[str, str], ...] = (
    # Every article's referents under the id their own article gave them. The article is
    # its position (``article_seq``, which the row carries: no join), a number, not its
    # id's text: the catalog alone on 5,000 stored articles then peaked at 214 MiB instead
    # of 230, and on 400,000 it took 9.3-9.7 s instead of 12.9-13.4.
    (
        "own",
        """
    SELECT e.own_entity_id AS entity_id, e.catalog_key AS key,
           e.catalog_name AS name, e.label, e.n_mentions, e.article_seq AS seq, e.entity_idx
    FROM article_entities e
""",
    ),
    # Each referent once: its name, folded words, and the catalog's label (most mentions
    # over all articles, ties by label, as in the catalog's ``best`` step).
    (
        "referents",
        """
WITH votes AS (
    SELECT entity_id, label, sum(n_mentions) AS n FROM {own} GROUP BY entity_id, label
),
labelled AS (
    SELECT entity_id, arg_min(label, (-n, label)) AS label FROM votes GROUP BY entity_id
),
firsts AS (
    SELECT o.entity_id, any_value(l.label) AS label,
           arg_min(struct_pack(key := o.key, name := o.name), (o.seq, o.entity_idx)) AS first,
           bool_and(o.label = 'PER') AS always_per
    FROM {own} o JOIN labelled l USING (entity_id)
    GROUP BY o.entity_id
)
SELECT entity_id, label, first.key AS key, first.name AS name,
       string_split(first.key, ' ') AS w, always_per
FROM firsts
""",
    ),
)

LINKS_SQL = """
INSERT INTO entity_links
WITH referents AS (SELECT * FROM {referents}),
-- In how many articles a word opens, and ends, a person's full name: a word that opens
-- more than it ends is a first name ("charles" of Charles Leclerc, Charles Michel, ...).
name_words AS (
    SELECT seq, string_split(key, ' ') AS w FROM {own}
    WHERE label = 'PER' AND contains(key, ' ')
),
opens AS (SELECT w[1] AS word, count(DISTINCT seq) AS n FROM name_words GROUP BY 1),
ends AS (SELECT w[-1] AS word, count(DISTINCT seq) AS n FROM name_words GROUP BY 1),
-- Short forms: a surname alone ("rutte") or behind particles ("van der poel"), of a
-- person in every article (a "Honda" that is ORG in some is no safe surname). A first
-- name alone ("Michael", "Charles") is never one: too many people share it.
shorts AS (
    SELECT r.* FROM referents r
    LEFT JOIN opens o ON o.word = r.w[1] LEFT JOIN ends e ON e.word = r.w[1]
    WHERE r.label = 'PER' AND r.always_per AND CASE WHEN len(r.w) = 1
        THEN r.w[1] NOT IN (SELECT word FROM {first_names})
             AND coalesce(o.n, 0) <= coalesce(e.n, 0)
        ELSE list_has_all({particles}, r.w[1:len(r.w) - 1]) END
),
-- (short form, longer name ending with all its words): "rutte" / "mark rutte". The join
-- on the last word keeps it a hash join; ends_with on ' ' || key makes it whole words
-- ("sen" never fits "jansen", "jan" never "jan jansen"). Organisations and places
-- compete too, so that a "Lorena Wiebes" the NER took for an ORG still makes "Wiebes"
-- ambiguous (only a person is linked to, below); works and events (MISC: "De stemming
-- van Vullings") do not.
fits AS (
    SELECT s.entity_id AS short_id, h.entity_id AS host_id, h.key, len(h.w) AS n
    FROM shorts s JOIN referents h
      ON h.w[-1] = s.w[-1] AND len(h.w) > len(s.w) AND ends_with(h.key, ' ' || s.key)
    WHERE h.label <> 'MISC'
),
-- A host that is a short form of a longer name itself ("van dijk" of "virgil van dijk",
-- for "dijk") stands aside for that name, which fits the short form too.
candidates AS (
    SELECT * FROM fits WHERE host_id NOT IN (SELECT short_id FROM fits)
),
-- Two hosts of one short form are one person only when the shorter ends the longer
-- ("primoz roglic" and a glued "rodetruidrager primoz roglic"); "boris johnson" and
-- "dustin johnson" are two, and "johnson" stays unlinked.
conflicts AS (
    SELECT DISTINCT a.short_id
    FROM candidates a JOIN candidates b
      ON a.short_id = b.short_id AND a.host_id <> b.host_id AND a.n <= b.n
         AND NOT ends_with(b.key, ' ' || a.key)
),
-- The shortest of a chain: extra words in front of a full name are mostly a glued title.
single AS (
    SELECT short_id, arg_min(host_id, n) AS host_id
    FROM candidates
    WHERE short_id NOT IN (SELECT short_id FROM conflicts)
    GROUP BY short_id
)
SELECT s.entity_id, s.name, h.entity_id AS canonical_id, h.name AS canonical_name
FROM single
JOIN referents s ON s.entity_id = single.short_id
JOIN referents h ON h.entity_id = single.host_id
WHERE h.label = 'PER'
""".format(
    own=_temp("own"),
    referents=_temp("referents"),
    first_names=FIRST_NAMES,
    particles="[" + ", ".join("'" + p.replace("'", "''") + "'" for p in PARTICLES) + "]",
)

# Rows already point at their catalog id; `own` marks the canonical entity's own rows,
# whose name is the catalog's name (a short form's rows add counts and aliases). Only the
# columns the catalog reads: DuckDB holds a temporary table, dropped or not, until the
# commit (in memory up to the cap, spilled beyond it), hence the Parquet files. The
# catalog's aggregates are steps of their own, one statement each: in one statement their
# hash tables lived at once, and that statement was the end of a run's largest (46 MiB
# above the driver's memory at 5,000 articles; the aliases alone need 19, the first names
# and dates 17).
CATALOG_STEPS: tuple[tuple[str, str], ...] = (
    (
        "ae",
        """
    SELECT e.entity_id, e.catalog_name, e.catalog_key, e.label, e.n_mentions,
           e.entity_idx, a.seq, a.date, e.own_entity_id = e.entity_id AS own
    FROM article_entities e JOIN articles a USING (article_id)
""",
    ),
    # Each referent's name (its own rows' first, else the first), counts and dates.
    (
        "base",
        """
    WITH firsts AS (
        SELECT entity_id,
               arg_min(struct_pack(name := catalog_name, key := catalog_key),
                       (NOT own, seq, entity_idx)) AS first,
               sum(n_mentions) AS n_mentions, count(DISTINCT seq) AS n_articles,
               min(date) AS first_date, max(date) AS last_date
        FROM {ae} GROUP BY entity_id
    )
    SELECT entity_id, first.name AS name, first.key AS name_key, n_mentions, n_articles,
           first_date, last_date
    FROM firsts
""",
    ),
    # The label with the most mentions, ties by label.
    (
        "best",
        """
    WITH label_counts AS (
        SELECT entity_id, label, sum(n_mentions) AS n FROM {ae} GROUP BY entity_id, label
    )
    SELECT entity_id, arg_min(label, (-n, label)) AS label FROM label_counts GROUP BY entity_id
""",
    ),
    # Every other name the referent goes by.
    (
        "aliases",
        """
    WITH names AS (
        SELECT DISTINCT entity_id, unnest(names) AS alias, unnest(name_keys) AS alias_key
        FROM article_entities
    )
    SELECT n.entity_id, list(n.alias ORDER BY n.alias_key, n.alias) AS aliases
    FROM names n JOIN {base} b USING (entity_id)
    WHERE n.alias_key <> b.name_key
    GROUP BY n.entity_id
""",
    ),
)

CATALOG_SQL = """
INSERT INTO entities BY NAME
SELECT b.entity_id, b.name, best.label, coalesce(aliases.aliases, []::VARCHAR[]) AS aliases,
       b.n_mentions, b.n_articles, b.first_date, b.last_date, b.name_key
FROM {base} b JOIN {best} best USING (entity_id) LEFT JOIN {aliases} aliases USING (entity_id)
""".format(base=_temp("base"), best=_temp("best"), aliases=_temp("aliases"))


@dataclass(frozen=True)
class _Session:
    """The rebuild's connection, and what wraps each of its statements (the store's
    memory cap for one query: ``Store._whole_dataset``)."""

    con: Any
    scratch: Path  # where the steps go, as Parquet files
    each: Callable[[], AbstractContextManager[object]] = contextlib.nullcontext

    def run(self, sql: str) -> int:
        """Run one statement to the end; the number of rows it changed (0 for none)."""
        with self.each():
            rows = self.con.execute(sql).fetchall()
        return int(rows[0][0]) if rows and rows[0] and isinstance(rows[0][0], int) else 0

    def value(self, sql: str) -> Any:
        """The first value of a query's first row."""
        with self.each():
            return self.con.execute(sql).fetchone()[0]


_OLD_LINKS = "_catalog_old_links"  # the links before this rebuild


def _earlier_rows_move(session: _Session, table: str, column: str, since: int) -> bool:
    """Whether the new links change ``column`` in a row of a record from before position
    ``since`` (an earlier run's row, already in the committed exports): a row whose own
    id gained, lost or changed its link."""
    own = own_column(column)
    moved = (
        f"SELECT entity_id FROM {_OLD_LINKS} o FULL JOIN entity_links n USING (entity_id) "
        "WHERE o.canonical_id IS DISTINCT FROM n.canonical_id"
    )
    query = (
        f'SELECT count(*) FROM "{table}" AS t WHERE t.article_seq < {int(since)} '
        f'AND t."{own}" IN ({moved})'
    )
    return bool(session.value(query))


def rebuild(
    con: Any,
    since: int | None = None,
    *,
    scratch: Path,
    each: Callable[[], AbstractContextManager[object]] = contextlib.nullcontext,
) -> frozenset[str]:
    """Links, ids and catalog from every stored row, inside the caller's transaction.

    Returns the tables where rows of records before position ``since`` (those of earlier
    runs) changed their ids (a link made or undone): their committed exports can no
    longer be appended to. Without ``since`` (or at 0, a new dataset) no row counts as
    earlier. ``each`` wraps every statement (the store lowers its memory cap between
    them, so that what one step read is not still cached in the next one). Each step is
    a Parquet file in ``scratch`` (a folder of the caller's), not a temporary table: one
    made and dropped inside the run's transaction stayed in memory until its commit, so
    the catalog's memory grew with the articles (+20 MiB of the driver's anonymous memory
    at 1,000 articles, +29 at 5,000).
    """
    session = _Session(con, scratch, each)
    session.run(f"CREATE OR REPLACE TEMP TABLE {_OLD_LINKS} AS SELECT * FROM entity_links")
    session.run("DELETE FROM entity_links")
    first = sorted({fold(w) for w in lexicon.first_names()})
    con.register(FIRST_NAMES, pa.table({"word": pa.array(first, pa.string())}))
    try:
        _in_steps(session, LINK_STEPS, LINKS_SQL)
    finally:
        con.unregister(FIRST_NAMES)
    restated = set()
    if since:  # a first run (``since`` 0) has no earlier rows
        for table, columns in REDIRECTED.items():
            if any(_earlier_rows_move(session, table, c, since) for c in columns):
                restated.add(table)
    session.run(f"DROP TABLE {_OLD_LINKS}")
    session.run("DELETE FROM entities")
    _in_steps(session, CATALOG_STEPS, CATALOG_SQL)
    return frozenset(restated)


def _in_steps(session: _Session, steps: tuple[tuple[str, str], ...], sql: str) -> None:
    """Run ``sql`` after its steps, each a Parquet file in ``session.scratch`` read through
    a temporary view, removed again afterwards (row groups of 8,192 rows: DuckDB's
    Parquet writer holds a group in memory until it is full)."""
    try:
        for step, select in steps:
            body = select.format(**{s: _temp(s) for s, _ in steps})
            path = str(session.scratch / f"{step}.parquet").replace("'", "''")
            session.run(f"COPY ({body}) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 8192)")
            session.run(f"CREATE TEMP VIEW {_temp(step)} AS SELECT * FROM read_parquet('{path}')")
        session.run(sql)
    finally:
        for step, _ in steps:
            with contextlib.suppress(Exception):  # an aborted transaction drops them too
                session.con.execute(f"DROP VIEW IF EXISTS {_temp(step)}")
            (session.scratch / f"{step}.parquet").unlink(missing_ok=True)
