"""The reporting-verb lexicon (``lexicon/cues.toml``) and its helper word lists.

One list for both extractors: a verb that introduces a quote also makes its subject the
source of a number ("Het ministerie deelde mee dat er 40 scholen dichtgaan."). Verbs are
listed with their inflected forms, so matching does not depend on a lemmatizer trained on
little data; separable verbs name their particle ("deelde ... mee").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from newsclaims import lexicon


@dataclass(frozen=True)
class CueLexicon:
    """Reporting verbs and helper word lists from ``lexicon/cues.toml``."""

    form_lemma: dict[str, str]
    particle: dict[str, str]
    nouns: dict[str, str]
    dat_only: frozenset[str]
    no_dat: frozenset[str]
    pronouns: frozenset[str]
    person_only: frozenset[str]
    group_only: frozenset[str]
    leading: frozenset[str]
    stop: frozenset[str]
    determiners: frozenset[str]
    list_joiners: frozenset[str]
    roles: frozenset[str]
    nonagents: frozenset[str]
    copula_verbs: frozenset[str]
    copula_nouns: frozenset[str]
    te_clause: frozenset[str]
    prepositions: frozenset[str]
    auxiliaries: frozenset[str]
    title_nouns: frozenset[str]
    prepositional: dict[str, tuple[str, str]]  # form -> (lemma, preposition)
    phrases: dict[str, tuple[str, ...]]
    non_speakers: frozenset[str]
    org_nouns: frozenset[str] = frozenset()
    small_clause: frozenset[str] = frozenset()
    after_quote: frozenset[str] = frozenset()
    passive: frozenset[str] = frozenset()
    with_dat: frozenset[str] = frozenset()
    np_object: frozenset[str] = frozenset()
    predicative: dict[str, str] = field(default_factory=dict)  # form -> lemma ("als" verbs)
    time_nouns: frozenset[str] = frozenset()
    time_modifiers: frozenset[str] = frozenset()
    collectives: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    quantifiers: frozenset[str] = frozenset()
    pairs: frozenset[str] = frozenset()

    @property
    def lemmas(self) -> frozenset[str]:
        """Every reporting-verb lemma ("zeggen", "meedelen", "laten weten")."""
        return frozenset(self.form_lemma.values())

    def verb_forms(self) -> list[str]:
        return sorted(self.form_lemma)


@cache
def cue_lexicon() -> CueLexicon:
    data: dict[str, Any] = lexicon.toml("cues.toml")
    form_lemma: dict[str, str] = {}
    particle: dict[str, str] = {}
    for lemma, entry in data["verbs"].items():
        for form in entry.get("forms", []):
            form_lemma.setdefault(form.lower(), lemma)
        if "particle" in entry:
            particle[lemma] = entry["particle"]
    nouns = {form: lemma for lemma, forms in data["nouns"].items() for form in forms}
    spk = data["speaker"]
    return CueLexicon(
        form_lemma=form_lemma,
        particle=particle,
        nouns=nouns,
        dat_only=frozenset(data["restrict"]["dat_only"]),
        no_dat=frozenset(data["restrict"]["no_dat"]),
        after_quote=frozenset(data["restrict"]["after_quote"]),
        passive=frozenset(data["restrict"]["passive"]),
        with_dat=frozenset(data["restrict"]["with_dat"]),
        np_object=frozenset(data["restrict"]["np_object"]),
        pronouns=frozenset(data["pronouns"]["person"]),
        person_only=frozenset(data["pronouns"]["person_only"]),
        group_only=frozenset(data["pronouns"]["group_only"]),
        leading=frozenset(spk["leading"]),
        stop=frozenset(spk["stop"]),
        determiners=frozenset(spk["determiners"]),
        list_joiners=frozenset(spk["list_joiners"]),
        roles=lexicon.words("quote_roles.txt") | lexicon.words("titles.txt"),
        nonagents=lexicon.words("quote_nonagents.txt"),
        copula_verbs=frozenset(data["copula"]["verbs"]),
        copula_nouns=frozenset(data["copula"]["nouns"]),
        te_clause=frozenset(data["restrict"]["te_clause"]),
        prepositions=frozenset(spk["prepositions"]),
        auxiliaries=frozenset(spk["auxiliaries"]),
        title_nouns=lexicon.words("quote_title_nouns.txt"),
        prepositional={
            form: (lemma, entry["preposition"])
            for lemma, entry in data["prepositional"].items()
            for form in entry["forms"]
        },
        predicative={
            form: lemma for lemma, entry in data["predicative"].items() for form in entry["forms"]
        },
        phrases={name: tuple(words) for name, words in data["phrases"].items()},
        non_speakers=frozenset(data["pronouns"]["non_speakers"]),
        org_nouns=lexicon.words("quote_org_nouns.txt"),
        small_clause=frozenset(data["restrict"].get("small_clause", [])),
        time_nouns=frozenset(data["time"]["nouns"]),
        time_modifiers=frozenset(data["time"]["modifiers"]),
        collectives=frozenset(data["groups"]["collectives"]),
        documents=frozenset(data["documents"]["nouns"]),
        quantifiers=frozenset(spk["quantifiers"]),
        pairs=frozenset(data["groups"]["pairs"]),
    )
