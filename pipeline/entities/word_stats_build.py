"""Regenerate ``lexicon/surnames.txt`` and ``lexicon/common_capitals.txt`` from the corpora.

    python -m newsclaims.entities.word_stats_build ../shared

Both are aggregate word counts over the raw news in ``../shared/corpora/news_nl`` (gold
articles left out), so they carry over to unseen news:

- ``surnames.txt``: words that close a person's name after a known first name
  ("Diederik Samsom", "Jan Peter Balkenende") in at least three articles, and are rarely
  written in lowercase. A lone "Samsom" in an article that never gives the first name is
  then still known as a person's name, where the NER often says ORG or LOC.
- ``common_capitals.txt``: words written with a capital inside a sentence ("het
  ministerie van Onderwijs", "het Verdrag van Lissabon") but far more often in lowercase
  ("onderwijs", "verdrag"): a lone such word is a common noun in a name, not a referent.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import NamedTuple

from newsclaims import lexicon
from newsclaims.nlp import known_names

_PARTICLES = r"(?:(?:van|de|der|den|ter|ten|te|el|al|di|da|le|la|'t)\s+)*"
_WORD = re.compile(r"[A-Za-zÀ-ÿ][a-zà-ÿ]+(?:-[A-Za-zÀ-ÿ][a-zà-ÿ]+)*")
_CAP = r"[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?"
# "Diederik Samsom", "Jasper van Dijk"; and "Jan Peter Balkenende" (two first names)
_PERSON = re.compile(r"\b(" + _CAP + r")()\s+" + _PARTICLES + "(" + _CAP + r")\b")
_PERSON2 = re.compile(r"\b(" + _CAP + r")\s+(" + _CAP + r")\s+" + _PARTICLES + "(" + _CAP + r")\b")
_PLACE = re.compile(r"\b(?:in|naar|uit|nabij) (" + _CAP + r")\b(?![-'’])")
# A word counts as mid-sentence when the character before its preceding space is one
# of these: a letter, digit, comma, semicolon or closing bracket.
_MID = re.compile(r"[\w,;)]")
LEXICON = Path(__file__).resolve().parent.parent / "lexicon"
MIN_SURNAME_ARTICLES = 3
SURNAME_SHARE = 0.02  # closes a first name in articles >= 2% of its capitalised uses
MIN_PLACE_ARTICLES = 3
PLACE_SHARE = 0.15  # follows "in", "naar", "uit" in articles >= 15% of its capitalised uses
MIN_LOWER = 10  # a common word is seen at least this often in lowercase ...
LOWER_RATIO = 2.5  # ... and this many times as often as capitalised inside a sentence


def _articles(folder: Path, skip: set[str]) -> list[str]:
    texts = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            art = json.loads(line)
            if str(art.get("id")) not in skip:
                texts.append(art.get("text") or "")
    return texts


class Stats(NamedTuple):
    """Word counts over the corpus."""

    lower: Counter[str]  # as a lowercase word
    midcap: Counter[str]  # capitalised inside a sentence
    person: dict[str, set[int]]  # articles where it closes a first name or follows a title
    place: dict[str, set[int]]  # articles where it follows "in", "naar", "uit"


def count(texts: list[str]) -> Stats:
    """Lowercase, mid-sentence capitalised, person-name and place-preposition counts."""
    lower: Counter[str] = Counter()
    midcap: Counter[str] = Counter()
    after_first: dict[str, set[int]] = defaultdict(set)
    place: dict[str, set[int]] = defaultdict(set)
    first = lexicon.words("first_names.txt")
    titles = sorted(t for t in lexicon.words("titles.txt") if t.isalpha() and t.islower())
    titled = re.compile(r"\b(?:" + "|".join(titles) + r") (" + _CAP + r")\b(?!-)")
    for n, text in enumerate(texts):
        for m in titled.finditer(text):
            after_first[m.group(1)].add(n)
        for m in _PLACE.finditer(text):
            place[m.group(1)].add(n)
        for m in _WORD.finditer(text):
            word = m.group()
            if word[0].islower():
                lower[word] += 1
                continue
            i = m.start() - 1
            while i >= 0 and text[i] == " ":
                i -= 1
            if i >= 0 and i < m.start() - 1 and _MID.match(text[i]):
                midcap[word] += 1
        for m in (*_PERSON.finditer(text), *_PERSON2.finditer(text)):
            second = m.group(2).strip()
            if m.group(1).lower() in first and (not second or second.lower() in first):
                after_first[m.group(3)].add(n)
    return Stats(lower, midcap, after_first, place)


def build(shared: Path) -> tuple[list[str], list[str], list[str]]:
    """The sorted surname, common-capital and place lists from the shared corpora."""
    gold = shared / "gold"
    skip = {json.loads(line)["id"] for p in gold.glob("*_articles.jsonl") for line in p.open()}
    lower, midcap, after_first, place = count(_articles(shared / "corpora" / "news_nl", skip))
    known = {name.lower() for name in known_names()}
    first = lexicon.words("first_names.txt")
    surnames = sorted(
        w
        for w, arts in after_first.items()
        if len(arts) >= MIN_SURNAME_ARTICLES
        and lower[w.lower()] * 2 <= midcap[w]
        and len(arts) >= SURNAME_SHARE * midcap[w]
        and len(place.get(w, ())) * 2 < len(arts)
        and w.lower() not in first | known
    )
    surname_set = {s.lower() for s in surnames}
    common = sorted(
        w
        for w, n in midcap.items()
        if lower[w.lower()] >= MIN_LOWER
        and lower[w.lower()] >= LOWER_RATIO * n
        and w.lower() not in surname_set | first | known
    )
    common_set = {c.lower() for c in common}
    places = sorted(
        w
        for w, arts in place.items()
        if len(arts) >= MIN_PLACE_ARTICLES
        and len(arts) >= PLACE_SHARE * midcap[w]
        and len(after_first.get(w, ())) * 2 < len(arts)
        and w.lower() not in surname_set | common_set | first | known
        and lower[w.lower()] * 2 <= midcap[w]
    )
    return surnames, common, places


def main(argv: list[str]) -> None:
    shared = Path(argv[1]) if len(argv) > 1 else Path("../shared")
    surnames, common, places = build(shared)
    note = " in the shared news (see newsclaims.entities.word_stats_build)\n"
    for name, words, what in (
        ("surnames.txt", surnames, "# Surnames: words closing a first name"),
        ("common_capitals.txt", common, "# Capitalised common words: mostly lowercase"),
        ("places.txt", places, "# Places: words following 'in', 'naar', 'uit'"),
    ):
        (LEXICON / name).write_text(what + note + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(surnames)} surnames, {len(common)} common, {len(places)} places -> {LEXICON}")


if __name__ == "__main__":
    main(sys.argv)
