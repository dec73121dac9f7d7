"""Entities: mentions from the NER, one canonical name per referent, stable ids.

The NER gives surface mentions ("president Assad", "Abdul-Mahdi", "IS"); analysts need
referents. Within an article, mentions are clustered (same folded name, alias table,
bracketed acronym, a surname standing for the full name) and the cluster is named by the
fullest form the article itself uses. Across articles the ``entity_id`` is a hash of the
alias table's canonical name when there is one, otherwise of the folded article name, so
the same entity gets the same id in every run and every dump.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span

from newsclaims import lexicon
from newsclaims.nlp import ALIASES_PATH, known_names, sentence_index
from newsclaims.records import CatalogEntity, Mention

LABEL_PRIORITY = ("PER", "ORG", "LOC", "MISC")
_BRACKET_ACRONYM = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")
_DEMONYM = re.compile(r"^[A-Z][a-zäëïöüé]+(?:se|sche)$")
_EDGE_PUNCT = "\"'“”„‘’‚«»()[]{}.,;:!?"


def fold(text: str) -> str:
    """Case- and accent-insensitive key, so "Erdoğan" and "erdogan" are one name."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().replace("’", "'").split())


def entity_id_for(key: str) -> str:
    """Stable id from a folded canonical key: same name, same id, in every run."""
    return "E" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class AliasEntry:
    """One row of the user-editable alias table."""

    canonical: str
    label: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class AliasTable:
    """Folded alias -> entry; loaded from ``data/aliases.csv``."""

    by_key: dict[str, AliasEntry] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path = ALIASES_PATH) -> AliasTable:
        by_key: dict[str, AliasEntry] = {}
        if not path.exists():
            return cls(by_key)
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                names = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
                entry = AliasEntry(row["canonical"].strip(), row["label"].strip(), tuple(names))
                for name in (entry.canonical, *entry.aliases):
                    by_key[fold(name)] = entry
        return cls(by_key)

    def lookup(self, name: str) -> AliasEntry | None:
        return self.by_key.get(fold(name))


@lru_cache(maxsize=1)
def default_aliases() -> AliasTable:
    """The shipped alias table, read once per process."""
    return AliasTable.load()


@dataclass(frozen=True)
class ArticleEntity:
    """One referent within one article, with its canonical name and the aliases used."""

    entity_id: str
    name: str
    label: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    catalog_name: str

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class ArticleEntities:
    """The entities of one article, with look-ups the quote and claim extractors need."""

    article_id: str
    entities: tuple[ArticleEntity, ...]

    @property
    def mentions(self) -> list[Mention]:
        return sorted((m for e in self.entities for m in e.mentions), key=lambda m: m.start)

    def entity_at(self, start: int, end: int) -> ArticleEntity | None:
        """The entity with a mention overlapping the character span [start, end)."""
        for ent in self.entities:
            for m in ent.mentions:
                if m.start < end and start < m.end:
                    return ent
        return None

    def by_id(self, entity_id: str) -> ArticleEntity | None:
        return next((e for e in self.entities if e.entity_id == entity_id), None)

    def resolve(self, text: str) -> ArticleEntity | None:
        """The entity a name as written refers to ("premier Abdul-Mahdi", "Lavrov", "IS")."""
        name = clean_name(text)
        if not name:
            return None
        key = fold(name)
        for ent in self.entities:
            if key in {fold(n) for n in ent.names()}:
                return ent
        tokens = key.split()
        for ent in self.entities:  # a surname standing for the full name
            if ent.label == "PER" and tokens and fold(ent.name).split()[-len(tokens) :] == tokens:
                return ent
        return None


def is_title(word: str) -> bool:
    """A role or title word, also as the head of a compound ("Boerenvoorman", "legerleider")."""
    low = word.lower()
    titles = lexicon.words("titles.txt")
    return low in titles or (
        len(low) > 8 and any(low.endswith(t) for t in titles if len(t) >= 5 and t.isalpha())
    )


def clean_name(text: str) -> str:
    """Strip titles, roles, possessives and stray punctuation from a mention's text."""
    initial = re.search(r"(?:^|\s)[A-Z]\.$", text.strip())  # "Melanie B." keeps its stop
    tokens = text.strip().strip(_EDGE_PUNCT).split()
    last_title = max((i for i, t in enumerate(tokens[:-1]) if is_title(t)), default=-1)
    tokens = tokens[last_title + 1 :]
    while len(tokens) > 1 and tokens[0][:1].islower():
        tokens.pop(0)
    if not tokens:
        return ""
    last = tokens[-1]
    for suffix in ("'s", "’s", "'", "’"):
        if last.endswith(suffix) and len(last) > len(suffix) + 1:
            tokens[-1] = last[: -len(suffix)]
            break
    return " ".join(tokens).strip(_EDGE_PUNCT) + ("." if initial and len(tokens) > 1 else "")


def named_part(name: str) -> str:
    """The named part of a hyphenated compound: "IS-strijders" -> "IS", "YPG-militie" -> "YPG"."""
    head, sep, tail = name.rpartition("-")
    if sep and head and tail[:1].islower() and not head.endswith(" "):
        return head
    return name


def _trim_span(span: Span) -> Span:
    """Drop leading lowercase/title tokens so offsets point at the name itself."""
    start = span.start
    titled = [t.i for t in span[:-1] if is_title(t.text)]
    if titled:
        start = titled[-1] + 1
    while start < span.end - 1 and (span.doc[start].text[:1].islower() or span.doc[start].is_punct):
        start += 1
    particles = lexicon.words("name_particles.txt")
    doc = span.doc
    end = next(
        (
            i
            for i in range(start + 1, span.end)
            if doc[i].text[:1].islower()
            and doc[i].lower_.split("-")[0] not in particles
            and not doc[i - 1].text.endswith("-")
        ),
        span.end,
    )
    while end > start + 1 and (
        (doc[end - 1].is_punct and doc[end - 1].text != ".") or doc[end - 1].lower_ in particles
    ):
        end -= 1
    if (
        end - start == 2
        and _DEMONYM.match(doc[start].text)
        and named_part(doc[start + 1].text).isupper()
    ):
        start += 1  # "Koerdische YPG" -> "YPG"; "Syrische Democratische Strijdkrachten" stays
    return Span(doc, start, end, label=span.label_)


_COMMON_POS = frozenset({"NOUN", "ADJ", "VERB", "ADV", "ADP", "PRON", "DET", "AUX", "NUM"})


def _capitalised_common_word(span: Span) -> bool:
    """A lone sentence-initial word the tagger calls a common word ("Patrouilles", "God").

    Capitals at the start of a sentence make the NER see names everywhere; when the
    tagger says the only word is not a proper noun, the NER is more likely wrong.
    Names in the gazetteer or alias table are never dropped here.
    """
    if len(span) != 1 or not span.doc.has_annotation("POS") or span.text in known_names():
        return False
    tok = span[0]
    at_start = tok.is_sent_start or tok.i == 0 or tok.nbor(-1).is_punct
    return bool(at_start and tok.pos_ in _COMMON_POS and not tok.text.isupper())


@dataclass
class _Cluster:
    names: list[str]
    labels: Counter[str]
    spans: list[tuple[Span, str]]
    alias_entry: AliasEntry | None = None

    def canonical(self) -> str:
        """The fullest form the article uses: most tokens, then longest, then first seen."""
        order = {n: i for i, n in reversed(list(enumerate(self.names)))}
        return max(order, key=lambda n: (len(n.split()), len(n), -order[n]))

    def label(self) -> str:
        best = max(self.labels.values())
        return next(lab for lab in LABEL_PRIORITY if self.labels.get(lab) == best)


def _bracket_aliases(doc: Doc, spans: list[Span]) -> dict[str, tuple[str, str]]:
    """"Islamitische Staat (IS)" -> {"is": ("Islamitische Staat", "IS")}: acronyms in text."""
    found: dict[str, tuple[str, str]] = {}
    text = doc.text  # built from the tokens on every access: once per doc
    for span in spans:
        match = _BRACKET_ACRONYM.match(text, span.end_char)
        if match:
            name = clean_name(span.text)
            acronym = match.group(1).rstrip(".")
            if name and fold(acronym) != fold(name):
                found[fold(acronym)] = (name, acronym)
    return found


def extract_entities(doc: Doc, aliases: AliasTable | None = None) -> ArticleEntities:
    """Cluster the doc's entity mentions into referents with canonical names and ids."""
    aliases = default_aliases() if aliases is None else aliases
    sent_of = sentence_index(doc)
    spans = [_trim_span(ent) for ent in doc.ents]
    brackets = _bracket_aliases(doc, spans)

    clusters: list[_Cluster] = []
    by_key: dict[str, _Cluster] = {}
    for span in spans:
        name = clean_name(span.text)
        if not name or not any(ch.isalpha() for ch in name) or _capitalised_common_word(span):
            continue
        part = named_part(name)
        key = fold(part)
        entry = aliases.lookup(part)
        target_key = fold(brackets[key][0]) if key in brackets else key
        if entry is not None:
            target_key = "alias:" + fold(entry.canonical)
        cluster = by_key.get(target_key)
        if cluster is None:
            cluster = _Cluster(names=[], labels=Counter(), spans=[], alias_entry=entry)
            clusters.append(cluster)
            by_key[target_key] = cluster
            if key in brackets:
                by_key[key] = cluster
        cluster.names.append(part)
        cluster.labels[span.label_] += 1
        cluster.spans.append((span, part))

    for acronym_key, (long_name, acronym) in brackets.items():  # even if the NER missed it
        host = by_key.get(fold(long_name))
        if host is not None and acronym_key not in {fold(n) for n in host.names}:
            host.names.append(acronym)
    clusters = _merge_surnames(clusters)
    entities = []
    for cluster in clusters:
        name = cluster.canonical()
        entry = cluster.alias_entry or aliases.lookup(name)
        catalog_name = entry.canonical if entry else name
        entity_id = entity_id_for(fold(catalog_name))
        label = entry.label if entry else cluster.label()
        mentions = tuple(
            Mention(
                mention_id="",
                article_id="",
                entity_id=entity_id,
                entity_name=name,
                sentence_idx=sent_of[span.start] if len(sent_of) > span.start else 0,
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                label=span.label_,
            )
            for span, _ in cluster.spans
        )
        alias_names = tuple(dict.fromkeys(n for n in cluster.names if fold(n) != fold(name)))
        entities.append(ArticleEntity(entity_id, name, label, alias_names, mentions, catalog_name))
    return ArticleEntities("", _number_mentions(entities))


def _merge_surnames(clusters: list[_Cluster]) -> list[_Cluster]:
    """Fold "Abdul-Mahdi" into "Adel Abdul-Mahdi" when the article has exactly one such person."""
    merged: list[_Cluster] = []
    for cluster in sorted(clusters, key=lambda c: -len(c.canonical().split())):
        tokens = fold(cluster.canonical()).split()
        hosts = [
            m
            for m in merged
            if m.label() == "PER" == cluster.label()
            and len(fold(m.canonical()).split()) > len(tokens)
            and fold(m.canonical()).split()[-len(tokens) :] == tokens
        ]
        if len(hosts) == 1:
            host = hosts[0]
            host.names.extend(cluster.names)
            host.labels.update(cluster.labels)
            host.spans.extend(cluster.spans)
        else:
            merged.append(cluster)
    first_seen = {id(c): min(s.start for s, _ in c.spans) for c in merged}
    return sorted(merged, key=lambda c: first_seen[id(c)])


def _number_mentions(entities: list[ArticleEntity]) -> tuple[ArticleEntity, ...]:
    """Give mentions local ids (``m0``) in text order, stable for the same input and model."""
    ordered = sorted(
        (m.start, m.end, i, j) for i, e in enumerate(entities) for j, m in enumerate(e.mentions)
    )
    ids = {(i, j): f"m{n}" for n, (_, _, i, j) in enumerate(ordered)}
    out = []
    for i, ent in enumerate(entities):
        mentions = tuple(
            Mention(**{**m.__dict__, "mention_id": ids[(i, j)]}) for j, m in enumerate(ent.mentions)
        )
        out.append(
            ArticleEntity(
                ent.entity_id, ent.name, ent.label, ent.aliases, mentions, ent.catalog_name
            )
        )
    return tuple(out)


@dataclass
class _CatalogEntry:
    name: str
    labels: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    n_mentions: int = 0
    n_articles: int = 0
    first_date: str | None = None
    last_date: str | None = None


class Catalog:
    """Corpus-wide entities aggregated article by article; ids come from ``entity_id_for``.

    Only aggregates are kept (one entry per distinct entity), so memory grows with the
    number of entities, not with the number of articles.
    """

    def __init__(self) -> None:
        self._entries: dict[str, _CatalogEntry] = {}

    def add(self, found: ArticleEntities, date: str | None) -> None:
        for ent in found.entities:
            entry = self._entries.setdefault(ent.entity_id, _CatalogEntry(ent.catalog_name))
            entry.labels[ent.label] += len(ent.mentions)
            entry.aliases.update(n for n in ent.names() if fold(n) != fold(entry.name))
            entry.n_mentions += len(ent.mentions)
            entry.n_articles += 1
            if date:
                entry.first_date = min(filter(None, (entry.first_date, date)))
                entry.last_date = max(filter(None, (entry.last_date, date)))

    def __len__(self) -> int:
        return len(self._entries)

    def rows(self) -> list[CatalogEntity]:
        """Most-mentioned first; ties by name and id, so the order is deterministic."""
        rows = [
            CatalogEntity(
                entity_id=eid,
                name=e.name,
                label=max(sorted(e.labels), key=lambda lab: e.labels[lab]),
                aliases=tuple(sorted(e.aliases, key=fold)),
                n_mentions=e.n_mentions,
                n_articles=e.n_articles,
                first_date=e.first_date,
                last_date=e.last_date,
            )
            for eid, e in self._entries.items()
        ]
        return sorted(rows, key=lambda r: (-r.n_mentions, fold(r.name), r.entity_id))
