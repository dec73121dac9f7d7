"""Regenerate ``lexicon/plurals.tsv`` from the corpora: plural -> the singular the news writes.

    python -m newsclaims.claims.plurals_build ../shared

Aggregate word counts over the raw news in ``../shared/corpora/news_nl`` (gold articles left
out), so the table carries over to unseen news. For every word with a plural ending seen at
least ``MIN_PLURAL`` times, the spelling rules give candidate singulars
(``plurals.singular_candidates``); the candidate written most often (at least
``MIN_SINGULAR`` times) is its singular: "banen" -> "baan" (not "ban"), "raceronden" ->
"raceronde" (not "racerond"). A word that is itself some plural's singular ("kans", the
singular of "kansen") is no plural. Words are counted lowercased: "Venezolanen" and a
sentence-initial "Venezolaan" count as "venezolanen" and "venezolaan".
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from newsclaims.claims.plurals import singular_candidates

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
LEXICON = Path(__file__).resolve().parent.parent / "lexicon"
MIN_PLURAL = 2
MIN_SINGULAR = 2
MIN_OTHER = 5  # another candidate written this often is a singular too ("weekeind")


def count_words(folder: Path, skip: set[str]) -> Counter[str]:
    """Lowercased word counts over the news, the articles in ``skip`` left out."""
    counts: Counter[str] = Counter()
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            article = json.loads(line)
            if str(article.get("id")) not in skip:
                counts.update(m.group().lower() for m in _WORD.finditer(article.get("text") or ""))
    return counts


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


def build(shared: Path) -> dict[str, tuple[str, ...]]:
    gold = shared / "gold"
    skip = {json.loads(line)["id"] for p in gold.glob("*_articles.jsonl") for line in p.open()}
    return choose(count_words(shared / "corpora" / "news_nl", {str(s) for s in skip}))


def main(argv: list[str]) -> None:
    shared = Path(argv[1]) if len(argv) > 1 else Path("../shared")
    table = build(shared)
    head = (
        "# Plural -> the singular most written in the shared news, then other singulars"
        " written there too (see newsclaims.claims.plurals_build)\n"
    )
    body = "".join(f"{p}\t{' '.join(found)}\n" for p, found in table.items())
    (LEXICON / "plurals.tsv").write_text(head + body, encoding="utf-8")
    print(f"{len(table)} plurals -> {LEXICON / 'plurals.tsv'}")


if __name__ == "__main__":
    main(sys.argv)
