"""Repairs to the NER's spans before clustering: names it cut in two.

The NER trained on CoNLL-2002 breaks Dutch surnames with particles ("Debbie" | "van" |
"Leiden") and coordinated compounds ("Nederlandse Voedsel-" | "en Warenautoriteit").
Spans are (start, end, label) token offsets over a ``DocTokens`` view.
"""

from __future__ import annotations

from newsclaims import lexicon
from newsclaims.entities.labels import first_names
from newsclaims.entities.tokens import DocTokens

_SURNAME_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "'t", "op"})

TokenSpan = tuple[int, int, str]


def _capitalised_word(toks: DocTokens, i: int) -> bool:
    if i >= len(toks):
        return False
    text = toks[i].text
    return bool(text[:1].isupper() and text[1:2].islower())


def surname_end(toks: DocTokens, start: int, end: int, label: str) -> int | None:
    """Where a one-word person's surname with particles ends, if the NER cut it off.

    "Debbie van Leiden" tagged as "Debbie" (PER) and "Leiden" (LOC) -> the end of
    "Leiden". Only for a single capitalised word tagged PER, followed by particles
    ("van", "van der", "op 't") and one capitalised word.
    """
    if label != "PER":
        return None
    words = [i for i in range(start, end) if toks[i].lower not in _SURNAME_PARTICLES]
    if len(words) != 1 or not toks[start].text[1:].islower():
        return None
    if toks[start].lower not in first_names():
        return None  # "minister Bruins van Volksgezondheid" is no surname
    i = end if end - start == 1 else start + 1
    begin = i
    while True:
        while i < len(toks) and toks[i].lower in _SURNAME_PARTICLES and toks[i].text.islower():
            i += 1
        if i == begin or i - begin > 3 or not _capitalised_word(toks, i):
            return None
        if toks[i].lower.rsplit("-", 1)[-1] in _SURNAME_PARTICLES and "-" in toks[i].text:
            i += 1  # "Doornik-van Rijsingen": a double name runs on
            begin = i - 1
            continue
        return i + 1


def coordinated_end(toks: DocTokens, start: int, end: int) -> int | None:
    """Where a name split by a coordinated compound ends.

    "Nederlandse Voedsel- en Warenautoriteit": the span stops at "Voedsel-"; the name
    runs on through "en" and the next capitalised word. Not for "PvdA- en SP-kiezers",
    where the hyphen stands for a lowercase head.
    """
    if not toks[end - 1].text.endswith("-") or end + 1 >= len(toks):
        return None
    if toks[end].lower not in {"en", "of"} or not _capitalised_word(toks, end + 1):
        return None
    return None if "-" in toks[end + 1].text else end + 2


def join_split_names(toks: DocTokens) -> list[TokenSpan]:
    """The doc's entity spans with cut names joined again (see the two rules above)."""
    ents = [(e.start, e.end, e.label_) for e in toks.doc.ents]
    out: list[TokenSpan] = []
    skip_until = -1
    particles = lexicon.words("name_particles.txt")
    for start, end, label in ents:
        if start < skip_until:
            continue
        joined = surname_end(toks, start, end, label) or coordinated_end(toks, start, end)
        if joined is not None and all(
            toks[i].lower in particles or not toks[i].punct for i in range(end, joined)
        ):
            out.append((start, joined, label))
            skip_until = joined
            continue
        out.append((start, end, label))
    return out
