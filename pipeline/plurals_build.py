"""Regenerate ``lexicon/plurals.tsv`` (plural -> the singular the news writes) and
``lexicon/demonyms.txt`` (nouns for the people of a place) from the corpora.

    python -m newsclaims.plurals_build ../shared

Aggregate word counts over the raw news in ``../shared/corpora/news_nl`` (gold articles left
out), so the table carries over to unseen news. For every word with a plural ending seen at
least ``MIN_PLURAL`` times, the spelling rules give candidate singulars
(``plurals.singular_candidates``); the candidate written most often (at least
``MIN_SINGULAR`` times) is its singular: "banen" -> "baan" (not "ban"), "raceronden" ->
"raceronde" (not "racerond"). A word that is itself some plural's singular ("kans", the
singular of "kansen") is no plural. Words are counted lowercased: "Venezolanen" and a
sentence-initial "Venezolaan" count as "venezolanen" and "venezolaan".

A demonym ("Venezolaan", "Belg", "Duitser") is a singular of that table whose plural the
news writes with a capital, and whose adjective it writes with a capital too
("Venezolaanse", "Belgische", "Duitse"): counts of them are counts of people.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from newsclaims import lexicon
from newsclaims.entities.word_stats_build import news_texts
from newsclaims.nlp import known_names
from newsclaims.plurals import singular_candidates

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
LEXICON = Path(__file__).resolve().parent / "lexicon"
MIN_PLURAL = 2
MIN_SINGULAR = 2
MIN_OTHER = 5  # another candidate written this often is a singular too ("weekeind")
MIN_ADJECTIVE = 5  # a demonym's capitalised adjective is written at least this often
CAPITALISED_SHARE = 0.8  # and its plural is capitalised in at least this share of uses
MIN_DEMONYM_PLURAL = 5  # and written at least this often, and 1% as often as the singular


def count_words(texts: Iterable[str]) -> tuple[Counter[str], Counter[str]]:
    """Lowercased word counts over the texts, and the counts of the same words written with
    a capital."""
    counts: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for text in texts:
        words = _WORD.findall(text)
        counts.update(w.lower() for w in words)
        capitalised.update(w.lower() for w in words if w[0].isupper())
    return counts, capitalised


def _adjectives(singular: str) -> list[str]:
    """The adjective forms a demonym can have: "venezolaan" -> "venezolaanse", "belg" ->
    "belgische", "duitser" -> "duitse", "nederlander" -> "nederlandse", "chinees" ->
    "chinese", "syriër" -> "syrische"."""
    s = singular
    out = [s + "se", s + "ische"]
    if s.endswith("ser"):
        out.append(s[:-2] + "e")  # "duitser" -> "duitse" (not "blazer" -> "blaze")
    if s.endswith("er"):
        out.append(s[:-2] + "se")
    if s.endswith("ees"):
        out.append(s[:-1] + "e")
    if s.endswith("iër"):
        out.append(s[:-2] + "ische")
    return out


def _is_name(word: str) -> bool:
    """A place, first name or surname the lexicons know, or a name in the gazetteer."""
    files = ("first_names.txt", "surnames.txt", "places.txt")
    return any(word in lexicon.words(f) for f in files) or word in _known_lower()


@cache
def _known_lower() -> frozenset[str]:
    return frozenset(n.lower() for n in known_names())


def demonyms(
    table: dict[str, tuple[str, ...]], counts: Counter[str], capitalised: Counter[str]
) -> list[str]:
    """The singulars of the table that name the people of a place (see the module).

    Only a plural in "-en" ("Belgen") or an "-er" noun's "-s" ("Limburgers"): a capital
    "-s" is as often a genitive or an adjective ("Jans", "Amsterdams"). The plural is
    common enough, also beside its singular (not "Jannen" beside "Jan"); the singular is
    itself mostly capitalised ("heer" is not) and written alone, and no place or name;
    the plural is no name either ("Wilders", "Antwerpen"; so "Zweden" is no plural)."""
    found = set()
    for plural, singulars in table.items():
        singular = singulars[0]
        if len(singular) < 3 or not (plural.endswith("en") or singular.endswith(("er", "ër"))):
            continue  # "ak" of "Aken": too short to tell a demonym from a name
        if (
            MIN_DEMONYM_PLURAL <= counts[plural] >= counts[singular] / 100
            and capitalised[plural] >= CAPITALISED_SHARE * counts[plural]
            and MIN_SINGULAR <= capitalised[singular] >= counts[singular] / 2
            and any(capitalised[a] >= MIN_ADJECTIVE for a in _adjectives(singular))
            and not _is_name(singular)
            and not _is_name(plural)  # "Wilders", "Antwerpen": a name, not a plural
        ):
            found.add(singular)
    return sorted(found)


def choose(counts: Counter[str]) -> dict[str, tuple[str, ...]]:
    """Plural -> (singular, other singulars): the most written candidate (the earlier rule
    on a tie), then the other candidates written at least ``MIN_OTHER`` times, which the
    news also uses ("weekeinden": "weekeinde", also "weekeind")."""
    chosen: dict[str, tuple[str, ...]] = {}
    for word, n in counts.items():
        if n < MIN_PLURAL:
            continue
        seen = sorted(
            (
                (-counts[c], rank, c)
                for rank, c in enumerate(singular_candidates(word))
                if counts[c] >= MIN_SINGULAR
            ),
        )
        if seen:
            best = seen[0][2]
            chosen[word] = (best, *(c for m, _, c in seen[1:] if -m >= MIN_OTHER))
    singulars = {found[0] for found in chosen.values()}
    return {p: found for p, found in sorted(chosen.items()) if p not in singulars}


def build(shared: Path) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """The plural table and the demonyms, from the shared news without the gold articles."""
    counts, capitalised = count_words(news_texts(shared))
    table = choose(counts)
    return table, demonyms(table, counts, capitalised)


def main(argv: list[str]) -> None:
    shared = Path(argv[1]) if len(argv) > 1 else Path("../shared")
    table, people = build(shared)
    head = (
        "# Plural -> the singular most written in the shared news, then other singulars"
        " written there too (see newsclaims.plurals_build)\n"
    )
    body = "".join(f"{p}\t{' '.join(found)}\n" for p, found in table.items())
    (LEXICON / "plurals.tsv").write_text(head + body, encoding="utf-8")
    note = "# Demonyms: the people of a place, as the shared news writes them"
    note += " (see newsclaims.plurals_build)\n"
    (LEXICON / "demonyms.txt").write_text(note + "\n".join(people) + "\n", encoding="utf-8")
    print(f"{len(table)} plurals, {len(people)} demonyms -> {LEXICON}")


if __name__ == "__main__":
    main(sys.argv)
