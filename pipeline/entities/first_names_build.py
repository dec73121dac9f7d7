"""Regenerate ``lexicon/first_names.txt``: first names seen in the shared corpora.

    python -m newsclaims.entities.first_names_build ../shared

Two sources, both in ``../shared/corpora``: the first word of multi-word PER names in
CoNLL-2002 ``ned.train`` and ``ned.testa`` (never the first word of another label), and
first names in the raw news, read from layouts that only a person's name fits: a speech
verb or title before "Voornaam Achternaam" ("zegt Herman Velvis", "trainer Erik ten Hag")
and an age after it ("Eva Naaijkens (45)"). A word kept must be seen in at least two
articles, be rare as a lowercase word (not "Ben", "Van") and open a name more often than
it ends one ("Trump" does not). Gold articles are left out.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from newsclaims import lexicon
from newsclaims.nlp import known_names

_PARTICLES = r"(?:(?:van|de|der|den|ter|ten|te|el|al|di|da|le|la|'t)\s+)*"
_NAME = r"([A-Z][a-zà-ÿ]{1,14}) " + _PARTICLES + r"([A-Z][a-zà-ÿ'-]{2,})"
_SPEECH = "zegt|zei|zeggen|aldus|vertelt|vertelde|volgens|schrijft|meldt|reageert|stelt|vindt"
# Words seen before surnames that are honorifics or name parts, not first names.
_NOT_FIRST = frozenset(
    {"mister", "miss", "lady", "sir", "saint", "sint", "king", "queen", "lord", "silicon"}
)
OUT = Path(__file__).resolve().parent.parent / "lexicon" / "first_names.txt"


def _conll_first_names(folder: Path) -> set[str]:
    first: Counter[str] = Counter()
    other: Counter[str] = Counter()
    for name in ("ned.train", "ned.testa"):
        rows = [ln.split() for ln in (folder / name).read_text(encoding="utf-8").splitlines()]
        toks = [(r[0], r[-1]) for r in rows if len(r) >= 3]
        for i, (word, tag) in enumerate(toks):
            if not tag.startswith("B-"):
                continue
            multi = i + 1 < len(toks) and toks[i + 1][1] == "I-" + tag[2:]
            (first if tag == "B-PER" and multi else other)[word] += 1
    return {w for w in first if not other[w] and w[:1].isupper() and w[1:].islower()}


def _news_first_names(folder: Path, skip: set[str]) -> set[str]:
    titles = sorted(t for t in lexicon.words("titles.txt") if t.isalpha())
    cue = re.compile(r"\b(?:" + _SPEECH + "|" + "|".join(titles) + ") " + _NAME)
    aged = re.compile(_NAME + r" \(\d{1,2}\)")
    tail = re.compile(r"[A-Z][a-zà-ÿ]+ ([A-Z][a-zà-ÿ]+)\b")
    seen: dict[str, set[str]] = defaultdict(set)
    ends: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            art = json.loads(line)
            if art.get("id") in skip:
                continue
            text = art.get("text") or ""
            for pattern in (cue, aged):
                for m in pattern.finditer(text):
                    seen[m.group(1)].add(str(art.get("id")))
            ends.update(m.group(1) for m in tail.finditer(text))
            lower.update(re.findall(r"\b[a-zà-ÿ]{2,15}\b", text))
    return {
        w
        for w, arts in seen.items()
        if len(arts) >= 2 and lower[w.lower()] <= 3 and ends[w] <= 2 * len(arts)
    }


def build(shared: Path) -> list[str]:
    """The sorted first-name list from the shared corpora."""
    gold = shared / "gold"
    skip = {json.loads(line)["id"] for p in gold.glob("*_articles.jsonl") for line in p.open()}
    names = _conll_first_names(shared / "corpora" / "conll2002")
    names |= _news_first_names(shared / "corpora" / "news_nl", skip)
    known = {fold_name.lower() for fold_name in known_names()}
    titles = lexicon.words("titles.txt")
    drop = known | titles | _NOT_FIRST
    return sorted(n for n in names if n.lower() not in drop)


def main(argv: list[str]) -> None:
    shared = Path(argv[1]) if len(argv) > 1 else Path("../shared")
    names = build(shared)
    header = "# First names from the shared corpora (see newsclaims.entities.first_names_build)\n"
    OUT.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} first names -> {OUT}")


if __name__ == "__main__":
    main(sys.argv)
