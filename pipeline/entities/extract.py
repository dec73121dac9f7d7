"""Entities: mentions from the NER, one canonical name and one label per referent, stable ids.

The NER gives surface mentions ("president Assad", "Abdul-Mahdi", "IS"); analysts need
referents. Within an article, mentions are clustered (same folded name, alias table,
bracketed acronym), then linked (a surname or first name standing for the full name, a
genitive "Knegts", a shortened institution name), and each referent is named by the
fullest form the article itself uses and labelled once from all its evidence
(``labels``). Every mention carries its referent's label. Across articles the
``entity_id`` is a hash of the alias table's canonical name when there is one, otherwise
of the folded article name, so the same entity gets the same id in every run and dump.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsclaims.entities.aliases import AliasEntry, AliasTable, default_aliases
from newsclaims.entities.clitics import clitic_names
from newsclaims.entities.labels import (
    W_ALIAS,
    W_KNOWN,
    cap_context,
    common_capitals,
    decide,
    first_name_evidence,
    first_names,
    known_label,
    lone_name_evidence,
    mention_context,
    ner_vote,
    ner_votes,
    shape_pairs,
    surnames,
)
from newsclaims.entities.linking import link_clusters
from newsclaims.entities.names import (
    capitalised_common_word,
    clean_name,
    common_noun_name,
    demonym_noun_before,
    glued_before_person,
    is_place_word,
    is_portfolio,
    keeps_apostrophe_s,
    lowercase_word_at_start,
    named_part,
    only_titles,
    portfolio_end,
    trim_span,
)
from newsclaims.entities.pairs import share_surnames, split_pairs
from newsclaims.entities.remention import add_missed_mentions
from newsclaims.entities.spans import (
    join_named_places,
    join_split_names,
    known_compounds,
    known_compounds_cut,
    overlay,
)
from newsclaims.entities.tokens import DocTokens, Piece
from newsclaims.entities.typed import typed_names
from newsclaims.namekeys import entity_id_for, fold
from newsclaims.records import Mention

_ARTICLES = frozenset({"De", "Het", "Een"})  # capitalised only at a sentence start
# A name ending in an initial, as the press writes a suspect's: "Cees H.", "Ergün S."; the
# initial alone ("H.") is that person later, a bare letter elsewhere ("polder A") nobody.
_INITIAL_LAST = re.compile(r"\s[A-Z]\.$")
# A Roman numeral the NER split from its name ("Rutte III", "Elizabeth II"): no referent.
_ROMAN = re.compile(r"(?=[IVX]{2})X{0,3}(IX|IV|V?I{0,3})")
_BRACKET_ACRONYM = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")


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
        # an organisation by the start of its name ("een verklaring van Vue": Vue Cinemas),
        # when only one fits
        fits = [
            ent
            for ent in self.entities
            if ent.label == "ORG"
            and tokens
            and len(fold(ent.name).split()) > len(tokens)
            and fold(ent.name).split()[: len(tokens)] == tokens
        ]
        return fits[0] if len(fits) == 1 else None


@dataclass
class Cluster:
    """Mentions taken for one referent while the article is read.

    ``names`` and the evidence only grow (``_cluster`` appends, ``absorb`` merges), so the
    canonical name and the label are cached against the number of names seen so far:
    linking and naming ask for them many times, and the evidence is the costly part.
    """

    names: list[str]
    spans: list[tuple[Piece, str]]
    context: dict[str, float] = field(default_factory=dict)
    votes: dict[str, float] = field(default_factory=dict)
    alias_entry: AliasEntry | None = None
    _canonical: tuple[int, str] = (-1, "")
    _label: tuple[int, str] = (-1, "")

    def canonical(self) -> str:
        """The fullest form the article uses: most tokens, then longest, then first seen."""
        n = len(self.names)
        if self._canonical[0] != n:
            order = {name: i for i, name in reversed(list(enumerate(self.names)))}
            for name in [m for m in order if m.split(" ", 1)[0] in _ARTICLES]:
                if len(order) > 1 and name.split(" ", 1)[-1] in order:
                    del order[name]  # "Het Haga Lyceum" at a sentence start: "Haga Lyceum"
            best = max(order, key=lambda name: (len(name.split()), len(name), -order[name]))
            self._canonical = (n, best)
        return self._canonical[1]

    def absorb(self, other: Cluster) -> None:
        self.names.extend(other.names)
        self.spans.extend(other.spans)
        for mine, theirs in ((self.context, other.context), (self.votes, other.votes)):
            for label, weight in theirs.items():
                mine[label] = mine.get(label, 0.0) + weight
        self.alias_entry = self.alias_entry or other.alias_entry
        self._canonical = self._label = (-1, "")

    def evidence(self) -> dict[str, float]:
        """All label evidence of the referent: NER votes, known names, shape, context.

        Plain dict sums (``Counter.update`` checks its argument's type on every call and
        this runs once per referent), added in a fixed order so ties fall the same way.
        """
        ner = ner_votes(self.votes)
        out: dict[str, float] = dict(ner)
        name = self.canonical()
        if self.alias_entry is not None:
            out[self.alias_entry.label] = out.get(self.alias_entry.label, 0.0) + W_ALIAS
        known = {known_label(n) for n in dict.fromkeys(self.names)} - {None}
        for label in known:
            out[str(label)] = out.get(str(label), 0.0) + W_KNOWN / len(known)
        for found in (
            shape_pairs(name),
            first_name_evidence(name).items(),
            lone_name_evidence(name, ner, self.context).items(),
            cap_context(self.context).items(),
        ):
            for label, weight in found:
                out[label] = out.get(label, 0.0) + weight
        return out

    def label(self) -> str:
        """The referent's label, from the evidence computed once per state of the cluster."""
        n = len(self.names)
        if self._label[0] != n:
            self._label = (n, decide(self.evidence()))
        return self._label[1]

    def tokens(self) -> list[str]:
        """The folded canonical name, word by word."""
        return fold(self.canonical()).split()


def _bracket_aliases(
    toks: DocTokens, spans: list[tuple[int, int, str]]
) -> dict[str, tuple[str, str]]:
    """ "Islamitische Staat (IS)" -> {"is": ("Islamitische Staat", "IS")}: acronyms in text.

    Not after a person: "Kamerlid Jan Smit (VVD)", "Sebastian Vettel (Ferrari)" name the
    party or team the person belongs to, not another name of the person (the NER's PER, or
    a name that opens with a first name)."""
    found: dict[str, tuple[str, str]] = {}
    n = len(toks)
    first = first_names()
    for start, end, label in spans:
        if end >= n or toks[end].text != "(":
            continue
        if label == "PER" or toks[start].lower in first:
            continue
        match = _BRACKET_ACRONYM.match(toks.span_text(end, min(end + 5, n)))
        if match:
            name = clean_name(toks.span_text(start, end))
            acronym = match.group(1).rstrip(".")
            if name and fold(acronym) != fold(name):
                found[fold(acronym)] = (name, acronym)
    return found


def _unglue_surnames(
    toks: DocTokens, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Drop a word glued before a surname the article gives in full (``glued_before_person``)."""
    first = first_names()
    full = [(s, e) for s, e, _ in spans if e - s >= 2 and toks[s].lower in first]
    if not full:
        return spans
    names = frozenset(fold(toks[e - 1].text) for _, e in full) | frozenset(
        fold(toks.span_text(e - 2, e)) for s, e in full if e - s >= 3
    )
    return [
        (s + 1 if glued_before_person(toks, s, e, names, first) else s, e, label)
        for s, e, label in spans
    ]


def _article_and_demonym(toks: DocTokens, start: int, end: int) -> bool:
    """ "De Irakees Baghdadi" at a sentence start: the NER took the article and the word
    for one of a place's people as a name; it is a description, no referent (unless the
    NER calls it an organisation: the newspaper "De Limburger")."""
    return (
        end - start == 2 and toks[start].text in _ARTICLES and is_place_word(toks[start + 1].text)
    )


def known_person_word(low: str) -> bool:
    """A known surname or first name ("bakker", "kok", "herman")."""
    return low in surnames() or low in first_names()


def _numbering(toks: DocTokens, start: int, name: str) -> bool:
    """A Roman numeral the NER split from the name or noun it numbers ("Rutte III",
    "kabinet-Balkenende IV", "deel II") is no referent; after another word it may be one
    ("Bij VI kijk je": Veronica Inside)."""
    if not start or not _ROMAN.fullmatch(name):
        return False
    before = toks[start - 1]
    named = before.pos in ("PROPN", "NOUN", "X") and not before.text.islower()
    return named or before.lower in ("deel", "fase", "hoofdstuk", "seizoen")


def _cluster(toks: DocTokens, aliases: AliasTable) -> list[Cluster]:
    """Group the trimmed NER spans by folded name, alias table and bracketed acronym."""
    spans = join_named_places(toks, join_split_names(toks))
    spans = overlay(spans, clitic_names(toks) + typed_names(toks))
    extra = known_compounds(toks)
    if extra:
        spans = sorted(spans + extra)
    trimmed = []
    for s, e, label in spans:
        start, end = trim_span(toks, s, e)
        if start > s and demonym_noun_before(toks, start - 1, e):
            label = "PER"  # "Fin Kimi Räikkönen": the NER's MISC was the people's noun's
        end = portfolio_end(toks, start, end, label)
        trimmed.extend(known_compounds_cut(toks, s, start))
        trimmed.append((start, end, label))
    trimmed = _unglue_surnames(toks, trimmed)
    brackets = _bracket_aliases(toks, trimmed)
    clusters: list[Cluster] = []
    by_key: dict[str, Cluster] = {}
    common = common_capitals()
    pieces = split_pairs([toks.piece(s, e, label) for s, e, label in trimmed])
    initials = {p.text[-2] for p in pieces if p.text[-1:] == "." and _INITIAL_LAST.search(p.text)}
    # a title word that closes a person's full name here is that person ("Dick Advocaat")
    surnames_here = {
        p.text.rsplit(" ", 1)[-1] for p in pieces if p.label == "PER" and " " in p.text
    }
    for piece in pieces:
        start, end, label = piece.start, piece.end, piece.label
        name = clean_name(piece.text)
        if name and keeps_apostrophe_s(toks, end, piece.text):
            name = clean_name(piece.text[:-2]) + piece.text[-2:]
        if (
            not name
            or not any(map(str.isalpha, name))
            or name.islower()  # a title dropped, a common noun left: "Republikein van de commissie"
            or (capitalised_common_word(toks, start, end) and not shape_pairs(name))
            or lowercase_word_at_start(toks, start, end, label, known_person_word)
            or (only_titles(name) and name not in surnames_here)
            or common_noun_name(toks, start, end, label, common)
            or (end - start == 1 and is_place_word(name))
            or (label != "ORG" and _article_and_demonym(toks, start, end))
            or (len(name) == 1 and name not in initials and known_label(name) is None)
            or _numbering(toks, start, name)
            or is_portfolio(toks, start, name)
        ):
            continue
        part = named_part(name)
        key = fold(part)
        entry = aliases.lookup(part)
        target_key = fold(brackets[key][0]) if key in brackets else key
        if entry is not None:
            target_key = "alias:" + fold(entry.canonical)
        cluster = by_key.get(target_key)
        if cluster is None:
            cluster = Cluster(names=[], spans=[], alias_entry=entry)
            clusters.append(cluster)
            by_key[target_key] = cluster
            if key in brackets:
                by_key[key] = cluster
        cluster.names.append(part)
        cluster.spans.append((piece, part))
        context = cluster.context
        for lab, weight in mention_context(toks, start, end, piece.text).items():
            context[lab] = context.get(lab, 0.0) + weight
        votes = cluster.votes
        votes[label] = votes.get(label, 0.0) + ner_vote(piece.text)
    for acronym_key, (long_name, acronym) in brackets.items():  # even if the NER missed it
        host = by_key.get(fold(long_name))
        if host is not None and acronym_key not in {fold(n) for n in host.names}:
            host.names.append(acronym)
    return clusters


def extract_entities(doc: Doc, aliases: AliasTable | None = None) -> ArticleEntities:
    """Cluster the doc's entity mentions into referents with canonical names, labels and ids."""
    aliases = default_aliases() if aliases is None else aliases
    toks = DocTokens(doc)
    clusters = link_clusters(_cluster(toks, aliases))
    share_surnames(toks, clusters)
    add_missed_mentions(toks, clusters)
    sent_of = _sentence_of(toks, [p.start for c in clusters for p, _ in c.spans])
    found = []
    for cluster in clusters:
        name = cluster.canonical()
        entry = cluster.alias_entry or aliases.lookup(name)
        catalog_name = entry.canonical if entry else name
        entity_id = entity_id_for(fold(catalog_name))
        label = cluster.label()
        alias_names = tuple(dict.fromkeys(n for n in cluster.names if fold(n) != fold(name)))
        found.append((cluster, name, label, entity_id, alias_names, catalog_name))
    ordered = sorted(
        (p.start_char, p.end_char, i, j)
        for i, (cluster, *_) in enumerate(found)
        for j, (p, _) in enumerate(cluster.spans)
    )
    ids = {(i, j): f"m{n}" for n, (_, _, i, j) in enumerate(ordered)}
    entities = []
    for i, (cluster, name, label, entity_id, alias_names, catalog_name) in enumerate(found):
        mentions = tuple(
            Mention(
                mention_id=ids[(i, j)],
                article_id="",
                entity_id=entity_id,
                entity_name=name,
                sentence_idx=sent_of.get(p.start, 0),
                start=p.start_char,
                end=p.end_char,
                text=p.text,
                label=label,
            )
            for j, (p, _) in enumerate(cluster.spans)
        )
        entities.append(ArticleEntity(entity_id, name, label, alias_names, mentions, catalog_name))
    return ArticleEntities("", tuple(entities))


def _sentence_of(toks: DocTokens, starts: list[int]) -> dict[int, int]:
    """Sentence number of each mention's first token, from the sentence-start column."""
    bounds = toks.sentence_starts() if starts else []
    if not bounds:
        return {}
    return {i: bisect_right(bounds, i) - 1 for i in set(starts)}
