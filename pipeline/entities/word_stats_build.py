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
- ``lowercase_words.txt``: words the news writes mostly in lowercase, also the ones it
  capitalises only where a sentence, heading or bracket opens ("Alcohol", "Bedrog"): a
  lone such word the NER tags there is that word, not a name.
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


def news_texts(shared: Path) -> list[str]:
    """The texts of the raw news in ``shared/corpora/news_nl``, the gold articles left out:
    the generated word lists are counts over these, never over what is scored."""
    gold = shared / "gold"
    skip = {str(json.loads(line)["id"]) for p in gold.glob("*_articles.jsonl") for line in p.open()}
    texts = []
    for path in sorted((shared / "corpora" / "news_nl").glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            art = json.loads(line)
            if str(art.get("id")) not in skip:
                texts.append(art.get("text") or "")
    return texts


class Stats(NamedTuple):
    """Word counts over the corpus."""

    lower: Counter[str]  # as a lowercase word
    midcap: Counter[str]  # capitalised inside a sentence
    titled: dict[str, set[int]]  # articles where it closes a name after a title
    opens: dict[str, set[int]]  # articles where it opens a two-word name after a title
    pairs: Counter[tuple[str, str, str]]  # articles with "First [Second] [particles] Last"
    place: dict[str, set[int]]  # articles where it follows "in", "naar", "uit"
    cap: Counter[str]  # capitalised anywhere (also opening a sentence)


def count(texts: list[str]) -> Stats:
    """Lowercase, mid-sentence capitalised, person-name and place-preposition counts."""
    lower: Counter[str] = Counter()
    midcap: Counter[str] = Counter()
    titled_in: dict[str, set[int]] = defaultdict(set)
    pairs: Counter[tuple[str, str, str]] = Counter()
    place: dict[str, set[int]] = defaultdict(set)
    titles = sorted(t for t in lexicon.words("titles.txt") if t.isalpha() and t.islower())
    first = lexicon.words("first_names.txt")
    opens: dict[str, set[int]] = defaultdict(set)
    cap: Counter[str] = Counter()
    titled = re.compile(
        r"\b(?:"
        + "|".join(titles)
        + r") ((?:"
        + _CAP
        + r"\s+"
        + _PARTICLES
        + r"){0,2})("
        + _CAP
        + r")\b(?![-'’])"
    )
    for n, text in enumerate(texts):
        for m in titled.finditer(text):  # "premier Rutte", "coureur Max Verstappen"
            before = m.group(1).split()
            lowered = [i for i, w in enumerate(before) if w.islower()]
            if lowered and (
                sum(1 for w in before[: lowered[-1]] if not w.islower()) >= 2
                or before[0].lower() not in first
            ):
                continue  # "minister (Hugo) De Jonge van Volksgezondheid": a ministry
            titled_in[m.group(2)].add(n)
            if before:
                opens[before[0]].add(n)
        for m in _PLACE.finditer(text):
            place[m.group(1)].add(n)
        for m in _WORD.finditer(text):
            word = m.group()
            if word[0].islower():
                lower[word] += 1
                continue
            cap[word] += 1
            i = m.start() - 1
            while i >= 0 and text[i] == " ":
                i -= 1
            if i >= 0 and i < m.start() - 1 and _MID.match(text[i]):
                midcap[word] += 1
        pairs.update(
            {
                (m.group(1), m.group(2).strip(), m.group(3))
                for p in (_PERSON, _PERSON2)
                for m in p.finditer(text)
            }
        )
    return Stats(lower, midcap, titled_in, opens, pairs, place, cap)


def _rare_lower(stats: Stats, word: str) -> bool:
    """Written in lowercase at most half as often as with a capital inside a sentence."""
    return stats.lower[word.lower()] * 2 <= stats.midcap[word]


def news_first_names(stats: Stats, first: frozenset[str], drop: set[str]) -> list[str]:
    """First names read off the news: words opening a name after a title.

    "coureur Max Verstappen", "trainer Erik ten Hag": kept when seen so in at least three
    articles, rarely lowercase ("max" is, but far less than "Max"), and closing a name
    after a title less often than opening one ("premier Rutte").
    """
    return sorted(
        w
        for w, arts in stats.opens.items()
        if len(arts) >= MIN_SURNAME_ARTICLES
        and len(stats.titled.get(w, ())) * 4 < len(arts)
        and _rare_lower(stats, w)
        and w.lower() not in first | drop
        and "-" not in w
    )


def build(shared: Path) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    """The sorted first-name, surname, common-capital, place and lowercase-word lists
    from the corpora."""
    stats = count(news_texts(shared))
    lower, midcap = stats.lower, stats.midcap
    known = {name.lower() for name in known_names()}
    titles = lexicon.words("titles.txt")
    common = sorted(
        w
        for w, n in midcap.items()
        if lower[w.lower()] >= MIN_LOWER and lower[w.lower()] >= LOWER_RATIO * n
    )
    common_set = {c.lower() for c in common}
    particles = lexicon.words("name_particles.txt") | {"ibn", "bin", "abu", "al", "el"}
    first_news = news_first_names(
        stats, lexicon.words("first_names.txt"), known | titles | common_set | particles
    )
    first = lexicon.words("first_names.txt") | {f.lower() for f in first_news}
    person: dict[str, int] = Counter({w: len(arts) for w, arts in stats.titled.items()})
    for (a, second, last), n in stats.pairs.items():
        if a.lower() in first and (not second or second.lower() in first):
            person[last] += n
    surnames = sorted(
        w
        for w, n in person.items()
        if n >= MIN_SURNAME_ARTICLES
        and stats.lower[w.lower()] <= midcap[w]  # "kok" is a word, "Kok" more often a name
        and n >= SURNAME_SHARE * midcap[w]
        and len(stats.place.get(w, ())) * 2 < n
        and w.lower() not in first | known
    )
    surname_set = {s.lower() for s in surnames}
    common = [w for w in common if w.lower() not in surname_set | first | known]
    common_set = {c.lower() for c in common}
    places = sorted(
        w
        for w, arts in stats.place.items()
        if len(arts) >= MIN_PLACE_ARTICLES
        and len(arts) >= PLACE_SHARE * midcap[w]
        and person.get(w, 0) * 2 < len(arts)
        and w.lower() not in surname_set | common_set | first | known
        and _rare_lower(stats, w)
    )
    lowercase = sorted(
        w
        for w in stats.cap
        if lower[w.lower()] >= MIN_LOWER
        and lower[w.lower()] >= LOWER_RATIO * midcap[w]
        and w.lower() not in surname_set | first | known
    )
    return first_news, surnames, common, places, lowercase


def main(argv: list[str]) -> None:
    shared = Path(argv[1]) if len(argv) > 1 else Path("../shared")
    first_news, surnames, common, places, lowercase = build(shared)
    note = " in the shared news (see newsclaims.entities.word_stats_build)\n"
    for name, words, what in (
        ("first_names_news.txt", first_news, "# First names opening titled persons' names"),
        ("surnames.txt", surnames, "# Surnames: words closing a first name"),
        ("common_capitals.txt", common, "# Capitalised common words: mostly lowercase"),
        ("places.txt", places, "# Places: words following 'in', 'naar', 'uit'"),
        ("lowercase_words.txt", lowercase, "# Words mostly lowercase, capitalised at a start"),
    ):
        (LEXICON / name).write_text(what + note + "\n".join(words) + "\n", encoding="utf-8")
    print(
        f"{len(first_news)} first names, {len(surnames)} surnames, {len(common)} common,"
        f" {len(places)} places, {len(lowercase)} lowercase words -> {LEXICON}"
    )


if __name__ == "__main__":
    main(sys.argv)
