"""Linking the clusters of one article: short forms join the full name's referent.

"Bob" and "Iger" join "Bob Iger"; "Knegts" and "Sjinkies" (genitives) join "Sjinkie
Knegt" ("Trumps" beside a lone "Trump" is dropped: ``_link_lone_genitives``); "Comenius"
and "Haga Lyceum" join "Comenius Lyceum" and "Cornelius Haga Lyceum". A short form joins
only when exactly one longer name fits, and whatever label the NER gave the short form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsclaims.entities.labels import surnames
from newsclaims.nlp import known_names

if TYPE_CHECKING:
    from newsclaims.entities.extract import Cluster


def person_host_fits(short: list[str], host: list[str]) -> bool:
    """A surname, a first name or a genitive surname of a person's full name.

    ["iger"] and ["bob"] fit ["bob", "iger"]; ["knegts"] and ["sjinkies"] fit ["sjinkie",
    "knegt"]; ["van", "dijk"] fits ["jasper", "van", "dijk"]; ["peters"] does not fit
    ["peter", "smit"] (a surname of its own).
    """
    if len(short) >= len(host):
        return False
    if host[-len(short) :] == short:
        return True
    if len(short) == 1 and short[0] == host[0]:
        return True
    word = short[-1]
    if len(word) > 3 and word.endswith("s") and host[-len(short) :] == [*short[:-1], word[:-1]]:
        return True
    return len(short) == 1 and _genitive_of(word, host[0])


def _genitive_of(word: str, name: str) -> bool:
    """ "Svens vader", "Trumps rivaal": the genitive of a one-word name, not a surname of its
    own ("Peters")."""
    return len(word) > 3 and word == name + "s" and word not in surnames()


def part_host_fits(short: list[str], host: list[str]) -> bool:
    """A shortened institution name: the start or the end of a longer name.

    ["comenius"] fits ["comenius", "lyceum"]; ["haga", "lyceum"] fits
    ["cornelius", "haga", "lyceum"]; ["amsterdam"] does not fit ["vrije", "universiteit"].
    """
    n = len(short)
    return n < len(host) and (host[:n] == short or host[-n:] == short)


def _single_host(
    tokens: list[str], hosts: list[tuple[Cluster, list[str]]], fits: object
) -> Cluster | None:
    found = [h for h, words in hosts if fits(tokens, words)]  # type: ignore[operator]
    return found[0] if len(found) == 1 else None


def _person_host(
    tokens: list[str], persons: list[tuple[Cluster, list[str]]], singles: set[str]
) -> Cluster | None:
    """The one person a short form stands for (``person_host_fits``). Of several with the
    same surname, the one the article never calls by the first name alone: with "Willem
    Holleeder", "Astrid Holleeder" and "Astrid", "Holleeder" is Willem. The news names the
    second member of a family by the first name so that the surname alone keeps meaning
    the first."""
    found = [(h, w) for h, w in persons if person_host_fits(tokens, w)]
    if len(found) == 1:
        return found[0][0]
    surname = [(h, w) for h, w in found if w[-len(tokens) :] == tokens]
    rest = [h for h, w in surname if w[0] not in singles]
    return rest[0] if len(surname) > 1 and len(rest) == 1 else None


def _a_pair(tokens: list[str]) -> bool:
    """ "Harry & Meghan", "Kelsey en Garion": two people, so no host for one short form."""
    return "&" in tokens or "en" in tokens[1:-1]


def link_clusters(clusters: list[Cluster]) -> list[Cluster]:
    """Merge short forms into the unique longer name they stand for, in text order."""
    labels = {id(c): c.label() for c in clusters}
    words = {id(c): [w.rstrip(".") for w in c.tokens()] for c in clusters}  # "h." is "h"
    singles = {w[0] for w in words.values() if len(w) == 1}  # names used alone
    ordered = sorted(clusters, key=lambda c: -len(words[id(c)]))
    merged: list[Cluster] = []
    persons: list[tuple[Cluster, list[str]]] = []
    others: list[tuple[Cluster, list[str]]] = []
    for cluster in ordered:
        tokens = words[id(cluster)]
        host = _person_host(tokens, persons, singles)
        if (
            host is None
            and labels[id(cluster)] != "PER"
            and cluster.alias_entry is None
            and cluster.canonical() not in known_names()
        ):
            host = _single_host(tokens, others, part_host_fits)
        if host is not None:
            host.absorb(cluster)
            continue
        merged.append(cluster)
        if len(tokens) > 1 and labels[id(cluster)] == "PER" and not _a_pair(tokens):
            persons.append((cluster, tokens))
        elif len(tokens) > 1 and labels[id(cluster)] in {"ORG", "LOC"}:
            others.append((cluster, tokens))
    merged = _link_lone_genitives(merged, labels, words)
    first_seen = {id(c): min(s.start for s, _ in c.spans) for c in merged}
    return sorted(merged, key=lambda c: first_seen[id(c)])


def _link_lone_genitives(
    clusters: list[Cluster], labels: dict[int, str], words: dict[int, list[str]]
) -> list[Cluster]:
    """ "Trumps politieke rivaal" where the article calls him "Trump" only, "Facebooks
    hogere management": the genitive of a one-word person or organisation is no referent of
    its own, whatever label the NER gave it. It is not made a mention of the person either:
    a possessor is rarely who speaks next, and as a mention it would be the nearest person
    for the quote after it ("Het bedrijf gebruikte Bidens naam. "Het was een ruil"" is the
    interviewee's)."""
    hosts = {
        words[id(c)][0]: c
        for c in clusters
        if labels[id(c)] in ("PER", "ORG") and len(words[id(c)]) == 1
    }
    out: list[Cluster] = []
    for cluster in clusters:
        tokens = words[id(cluster)]
        word = tokens[0] if len(tokens) == 1 else ""
        host = hosts.get(word[:-1])
        if host is not None and host is not cluster and _genitive_of(word, word[:-1]):
            continue  # the possessor, no referent of its own (nor a speaker: not its subject)
        out.append(cluster)
    return out
