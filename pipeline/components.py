"""spaCy components: the extractors as pipes that any Dutch pipeline can add.

    import spacy
    nlp = spacy.load("nl_core_news_sm")          # or the bundled model, or any Dutch pipeline
    nlp.add_pipe("newsclaims_quotes")            # entities are found on the way if missing
    doc = nlp("Volgens de politie waren er zo'n 2000 mensen.")
    newsclaims.components.quotes_of(doc)         # typed records; doc._.newsclaims_quotes: data

Why components rather than functions called after ``nlp.pipe``: inside the pipeline the
extraction runs wherever ``nlp.pipe`` runs, in the worker processes next to the parser (for
``--processes``, ``newsclaims.analysis``; with ``nlp.pipe(n_process=N)`` in anyone else's
code), so more processes parallelise the whole analysis; and the extractors become usable in
anyone's spaCy code. The design follows spaCy's own factories (``span_ruler.py``): a
``Language.factory`` with a ``default_config`` and declared ``requires``/``assigns``, data
that travels with ``nlp.to_disk``, and entry points (``spacy_factories``) so that a saved
pipeline loads with a plain ``spacy.load`` once newsclaims is installed.

Results live in ``doc._`` as plain lists and dicts, not objects: ``Doc.to_bytes`` (which
carries a doc back from spaCy's worker processes, and saves it in a ``DocBin``) serialises
``user_data`` with msgpack, so only plain data survives. ``entities_of``, ``quotes_of`` and
``claims_of`` rebuild the typed records. A component never raises on one document: a
failure is written to ``doc._.newsclaims_errors`` and the run turns that article into a
reject.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import shutil
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsclaims import nlp as nlp_stage
from newsclaims.claims import extract_claims
from newsclaims.entities import AliasTable, ArticleEntities, ArticleEntity, extract_entities
from newsclaims.quotes import extract_quotes
from newsclaims.records import Claim, Mention, Quote

ENTITIES = "newsclaims_entities"
QUOTES = "newsclaims_quotes"
CLAIMS = "newsclaims_claims"
LABELS = nlp_stage.LABEL_COMPONENT
EXTRACTORS = (ENTITIES, QUOTES, CLAIMS)
ERRORS = "newsclaims_errors"

for _name in (*EXTRACTORS, ERRORS):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


# --- plain data <-> typed records ----------------------------------------------------------


def _plain(record: Any) -> dict[str, Any]:
    """A flat record (``Quote``, ``Claim``, ``Mention``) as a dict of its fields.

    Its fields are all str/int/float/None, so a shallow copy is the whole conversion;
    ``dataclasses.asdict`` deep-copies every value and took a third of the extraction time.
    """
    return {name: getattr(record, name) for name in _field_names(type(record))}


@functools.cache
def _field_names(record_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(record_type))


def _entities_data(found: ArticleEntities) -> list[dict[str, Any]]:
    return [
        {
            **_plain(e),
            "aliases": list(e.aliases),
            "mentions": [_plain(m) for m in e.mentions],
        }
        for e in found.entities
    ]


_KEPT: dict[str, tuple[Doc, object, Any]] = {}  # extension -> (doc, its data, records)


def _keep(name: str, doc: Doc, data: object, records: Any) -> None:
    """Keep the typed records a component just wrote as plain data, for the later steps
    of the same doc (the next components, then the rows), which would otherwise rebuild
    them from the data. Only the last doc is kept."""
    _KEPT[name] = (doc, data, records)


def _kept(name: str, doc: Doc, data: object) -> Any:
    """The kept records of ``doc`` if its data is still the object they were kept with."""
    kept = _KEPT.get(name)
    return kept[2] if kept is not None and kept[0] is doc and kept[1] is data else None


def entities_of(doc: Doc) -> ArticleEntities:
    """The article's entities as typed records (empty when no entity step ran).

    The last doc's records are kept: the quote and claim components then get the same
    object, and the attribution layer builds its view of the doc once for both.
    """
    data = doc._.get(ENTITIES) or []
    found = _kept(ENTITIES, doc, data)
    if found is not None:
        return found
    found = ArticleEntities(
        "",
        tuple(
            ArticleEntity(
                **{
                    **e,
                    "aliases": tuple(e["aliases"]),
                    "mentions": tuple(Mention(**m) for m in e["mentions"]),
                }
            )
            for e in data
        ),
    )
    _keep(ENTITIES, doc, data, found)
    return found


def quotes_of(doc: Doc) -> list[Quote]:
    """The article's quotes as typed records, local ids (``q0``), in text order."""
    data = doc._.get(QUOTES) or []
    kept = _kept(QUOTES, doc, data)
    return list(kept) if kept is not None else [Quote(**q) for q in data]


def claims_of(doc: Doc) -> list[Claim]:
    """The article's numeric claims as typed records, local ids (``c0``), in text order."""
    data = doc._.get(CLAIMS) or []
    kept = _kept(CLAIMS, doc, data)
    return list(kept) if kept is not None else [Claim(**c) for c in data]


def _set_records(name: str, doc: Doc, records: list[Any]) -> None:
    """Write quotes or claims to ``doc._`` as plain data and keep the typed records."""
    data = [_plain(r) for r in records]
    doc._.set(name, data)
    _keep(name, doc, data, tuple(records))


def errors_of(doc: Doc) -> list[str]:
    """Why extraction failed on this doc, one line per failed component; empty if it didn't."""
    return list(doc._.get(ERRORS) or [])


def _guarded(name: str, doc: Doc, work: Callable[[], None]) -> Doc:
    """Run one component's work; a failure becomes an error line on the doc, not an exception.

    One odd article among millions must not stop ``nlp.pipe``: spaCy's own error handler
    would drop the doc, and with it the record, so the failure is kept with the doc instead.
    """
    if doc._.get(ERRORS):
        return doc  # an earlier component failed: its error is the one to report
    try:
        work()
    except Exception as exc:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        doc._.set(
            ERRORS,
            [
                f"extraction failed in {name}: {type(exc).__name__}: {exc} "
                f"(at {Path(where.filename).name}:{where.lineno})"
            ],
        )
    return doc


# --- the components ------------------------------------------------------------------------


class EntityExtractor:
    """Clusters ``doc.ents`` into referents with canonical names and catalog ids.

    Its data is the alias table (IS = ISIS = Daesh ...), saved with the pipeline.
    """

    def __init__(self, name: str, aliases: str | None = None) -> None:
        self.name = name
        self.aliases_path = Path(aliases) if aliases else nlp_stage.ALIASES_PATH
        self.aliases = AliasTable.load(self.aliases_path)

    def __call__(self, doc: Doc) -> Doc:
        return _guarded(self.name, doc, lambda: self._extract(doc))

    def _extract(self, doc: Doc) -> None:
        _set_entities(doc, extract_entities(doc, self.aliases))

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.aliases_path.exists():
            shutil.copyfile(self.aliases_path, path / "aliases.csv")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EntityExtractor:
        stored = Path(path) / "aliases.csv"
        if stored.exists():
            self.aliases_path = stored
            self.aliases = AliasTable.load(stored)
        return self


def _ensure_entities(doc: Doc) -> ArticleEntities:
    """Entities from an earlier ``newsclaims_entities``, else found here with the defaults,
    so that ``nlp.add_pipe("newsclaims_quotes")`` alone is enough."""
    if doc._.get(ENTITIES) is None:
        _set_entities(doc, extract_entities(doc))
    return entities_of(doc)


def _set_entities(doc: Doc, found: ArticleEntities) -> None:
    """Write the entities to ``doc._`` and keep the typed records for the quote and claim
    steps of this doc, which would otherwise rebuild them from the plain data."""
    data = _entities_data(found)
    doc._.set(ENTITIES, data)
    _keep(ENTITIES, doc, data, found)


class QuoteExtractor:
    """Direct, partial and indirect quotes with the speaker resolved (spec §3)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        def work() -> None:
            _set_records(QUOTES, doc, extract_quotes(doc, _ensure_entities(doc)))

        return _guarded(self.name, doc, work)


class ClaimExtractor:
    """Numeric claims with bounds, hedge, unit and source (spec §2)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        def work() -> None:
            entities = _ensure_entities(doc)
            if doc._.get(QUOTES) is None:
                _set_records(QUOTES, doc, extract_quotes(doc, entities))
            _set_records(CLAIMS, doc, extract_claims(doc, entities, quotes_of(doc)))

        return _guarded(self.name, doc, work)


class LabelMapper:
    """Rewrites entity labels of any model to PER/ORG/LOC/MISC (see ``newsclaims.nlp``).

    Its data, the label map, is saved with the pipeline.
    """

    def __init__(self, name: str, label_map: dict[str, str | None] | None = None) -> None:
        self.name = name
        self.table = dict(label_map) if label_map else nlp_stage.load_label_map()

    def __call__(self, doc: Doc) -> Doc:
        """Keep the entities with a capital whose label maps to one; ``doc.ents`` is only
        set again when something changed (setting it rebuilds every entity annotation)."""
        spans: list[Span] = []
        changed = False
        for ent in doc.ents:
            old = ent.label_
            label = nlp_stage.map_label(old, self.table)
            if label is None or not any(ch.isupper() for ch in ent.text):
                changed = True
            elif label != old:
                changed = True
                spans.append(Span(doc, ent.start, ent.end, label=label))
            else:
                spans.append(ent)
        if changed:
            doc.ents = spans
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "label_map.json").write_text(
            json.dumps(self.table, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
        )

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> LabelMapper:
        stored = Path(path) / "label_map.json"
        if stored.exists():
            self.table = json.loads(stored.read_text(encoding="utf-8"))
        return self


@Language.factory(
    LABELS,
    default_config={"label_map": None},
    requires=["doc.ents"],
    assigns=["doc.ents"],
)
def make_labels(nlp: Language, name: str, label_map: dict[str, str | None] | None) -> LabelMapper:
    return LabelMapper(name, label_map)


@Language.factory(
    ENTITIES,
    default_config={"aliases": None},
    requires=["doc.ents"],
    assigns=[f"doc._.{ENTITIES}"],
)
def make_entities(nlp: Language, name: str, aliases: str | None) -> EntityExtractor:
    return EntityExtractor(name, aliases)


@Language.factory(
    QUOTES,
    requires=["doc.ents", "token.dep", "token.pos", "doc.sents"],
    assigns=[f"doc._.{QUOTES}", f"doc._.{ENTITIES}"],
)
def make_quotes(nlp: Language, name: str) -> QuoteExtractor:
    return QuoteExtractor(name)


@Language.factory(
    CLAIMS,
    requires=["doc.ents", "token.dep", "token.pos", "doc.sents"],
    assigns=[f"doc._.{CLAIMS}", f"doc._.{QUOTES}", f"doc._.{ENTITIES}"],
)
def make_claims(nlp: Language, name: str) -> ClaimExtractor:
    return ClaimExtractor(name)


def add_extractors(nlp: Language) -> Language:
    """Append the label map and the three extractors, once each, in their order."""
    for name in (LABELS, *EXTRACTORS):
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp
