"""Names the NER passed over right after a noun that says what they are.

"Bouwmarkt Hornbach en woonwinkel Loods5 bouwen er", "directeur van basisschool Samenspel":
the NER trained on CoNLL-2002 misses many small firms, schools and places, but the news
types them by the noun in front ("bouwmarkt", "basisschool", "bedrijventerrein"), which
the label rules already read as evidence (``labels.type_noun_evidence``). Here the same
nouns make an untagged capitalised word after them a mention with the noun's label. Only
organisation and place nouns that do not also name a person's relation ("zijn dochter
Anna"), listed in ``entity_cues.toml`` under ``[typed_names]``; works and events (a film,
a festival) are left to the NER, their titles run on too freely.
"""

from __future__ import annotations

from functools import cache

from newsclaims import lexicon
from newsclaims.entities.labels import common_capitals
from newsclaims.entities.spans import TokenSpan
from newsclaims.entities.tokens import DocTokens, WordLabels, positions

_OUTSIDE, _BEGIN = 2, 3  # spaCy's IOB codes: outside every entity, opening one
_MAX_WORDS = 4


@cache
def _nouns() -> dict[str, tuple[str, ...]]:
    cues = lexicon.toml("entity_cues.toml")["typed_names"]
    return {label: tuple(nouns) for label, nouns in cues.items()}


@cache
def _suffix_labels() -> tuple[dict[str, str], tuple[int, ...]]:
    """Each typing noun with its label (the first label listing it), and their lengths."""
    labels: dict[str, str] = {}
    for label, nouns in _nouns().items():
        for noun in nouns:
            labels.setdefault(noun, label)
    return labels, tuple(sorted({len(n) for n in labels}, reverse=True))


@cache
def _endings() -> frozenset[str]:
    """The last three letters of every typing noun: most words end otherwise."""
    return frozenset(n[-3:] for n in _suffix_labels()[0])


def noun_label(word: str) -> str | None:
    """The label a typing noun gives the name after it ("woonwinkel" -> ORG, via its head
    "winkel"; "bedrijventerrein" -> LOC), else None: the word itself or its ending after
    at least three letters, the longest ending first. One look-up per noun length, not a
    scan of the list: run for every new word of a run."""
    low = word.lower().rsplit("-", 1)[-1]
    if low[-3:] not in _endings():
        return None
    labels, lengths = _suffix_labels()
    for n in lengths:
        if (len(low) == n or len(low) >= n + 3) and low[-n:] in labels:
            return labels[low[-n:]]
    return None


_TYPING = WordLabels(noun_label)  # a typing noun's label, per word


def _name_word(toks: DocTokens, i: int, iob: list[int]) -> bool:
    """An untagged capitalised word ("Hornbach", "Loods5"). Right after a noun it does
    not open a sentence, whatever the parser says (it split "Bouwmarkt | Hornbach en
    woonwinkel | Loods5 bouwen er ...")."""
    word = toks[i].text
    return iob[i] == _OUTSIDE and word[:1].isupper() and not word.isupper() and word[1:2].isalnum()


def typed_names(toks: DocTokens) -> list[TokenSpan]:
    """Untagged names right after a typing noun, with the noun's label; the noun in
    lowercase, or capitalised as a sentence's first word ("Bouwmarkt Hornbach ..."). A
    common word the news also capitalises is no name ("de provincie Zelf"). A name the
    NER tagged right after the untagged words is the name's end ("branchevereniging
    Bouwend Nederland": the NER's "Nederland" goes, see ``spans.overlay``)."""
    if len(toks) < 2:
        return []
    orths, iob = toks.table.orth, toks.table.ent_iob
    typing = _TYPING.of(toks)
    if not typing:
        return []
    out: list[TokenSpan] = []
    common = common_capitals()
    n = len(toks)
    for i in positions(orths, typing):
        label = typing[orths[i]]
        if i + 1 >= n or (out and i < out[-1][1]) or not _name_word(toks, i + 1, iob):
            continue
        noun = toks[i]
        if noun.text[:1].islower():
            if iob[i] != _OUTSIDE:
                continue
        elif not noun.sent_start or (iob[i] != _OUTSIDE and iob[i + 1] != _OUTSIDE):
            continue  # the NER's tag on a sentence's first word is its capital's
        if toks[i + 1].lower in common:
            continue
        end = i + 2
        while end < n and end - i <= _MAX_WORDS and _name_word(toks, end, iob):
            end += 1
        if end < n and iob[end] == _BEGIN:  # "Bouwend" + "Nederland": the name runs on
            end = next(e for s, e, _ in toks.ents() if s == end)
        out.append((i + 1, end, label))
    return out
