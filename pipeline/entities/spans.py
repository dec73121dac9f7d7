"""Repairs to the NER's spans before clustering: names it cut in two.

The NER trained on CoNLL-2002 breaks Dutch surnames with particles ("Debbie" | "van" |
"Leiden") and coordinated compounds ("Nederlandse Voedsel-" | "en Warenautoriteit").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newsclaims import lexicon
from newsclaims.entities.labels import first_names

_SURNAME_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "'t", "op"})


def _capitalised_word(doc: Doc, i: int) -> bool:
    tok = doc[i] if i < len(doc) else None
    return bool(tok is not None and tok.text[:1].isupper() and tok.text[1:2].islower())


def surname_end(doc: Doc, span: Span) -> int | None:
    """Where a one-word person's surname with particles ends, if the NER cut it off.

    "Debbie van Leiden" tagged as "Debbie" (PER) and "Leiden" (LOC) -> the end of
    "Leiden". Only for a single capitalised word tagged PER, followed by particles
    ("van", "van der", "op 't") and one capitalised word.
    """
    words = [t for t in span if t.lower_ not in _SURNAME_PARTICLES]
    if span.label_ != "PER" or len(words) != 1 or not span[0].text[1:].islower():
        return None
    if span[0].lower_ not in first_names():
        return None  # "minister Bruins van Volksgezondheid" is no surname
    i = span.end if len(span) == 1 else span.start + 1
    start = i
    while True:
        while i < len(doc) and doc[i].lower_ in _SURNAME_PARTICLES and doc[i].text.islower():
            i += 1
        if i == start or i - start > 3 or not _capitalised_word(doc, i):
            return None
        if doc[i].lower_.rsplit("-", 1)[-1] in _SURNAME_PARTICLES and "-" in doc[i].text:
            i += 1  # "Doornik-van Rijsingen": a double name runs on
            start = i - 1
            continue
        return i + 1


def coordinated_end(doc: Doc, span: Span) -> int | None:
    """Where a name split by a coordinated compound ends.

    "Nederlandse Voedsel- en Warenautoriteit": the span stops at "Voedsel-"; the name
    runs on through "en" and the next capitalised word. Not for "PvdA- en SP-kiezers",
    where the hyphen stands for a lowercase head.
    """
    last = doc[span.end - 1]
    if not last.text.endswith("-") or span.end + 1 >= len(doc):
        return None
    conj, nxt = doc[span.end], doc[span.end + 1]
    if conj.lower_ not in {"en", "of"} or not _capitalised_word(doc, span.end + 1):
        return None
    return None if "-" in nxt.text else span.end + 2


def join_split_names(doc: Doc) -> list[Span]:
    """The doc's entity spans with cut names joined again (see the two rules above)."""
    ents = list(doc.ents)
    out: list[Span] = []
    skip_until = -1
    particles = lexicon.words("name_particles.txt")
    for span in ents:
        if span.start < skip_until:
            continue
        end = surname_end(doc, span) or coordinated_end(doc, span)
        if end is not None and all(
            doc[i].lower_ in particles or not doc[i].is_punct for i in range(span.end, end)
        ):
            label = span.label_
            out.append(Span(doc, span.start, end, label=label))
            skip_until = end
            continue
        out.append(span)
    return out
