"""Names opened by a clitic article: "'t Harde", "'s-Hertogenbosch", "Sophie in 't Veld".

Dutch keeps the old articles "het" and "des" as "'t" and "'s" inside names of places
("'t Gooi", "'s-Gravenzande"), venues ("zwembad 't Willaer") and surnames ("van 't
Schip", "op 't Einde"). The NER trained on CoNLL-2002 rarely tags them whole: it drops
the place ("naar 't Harde" untagged), calls it a person ("'t Ven" PER) or keeps only the
first name of the person ("Sophie" of "Sophie in 't Veld"); and the tokenizer splits
"'s-Hertogenbosch" into "'" and "s-Hertogenbosch", which the trimming of lowercase edges
then loses. No library knows this spelling rule, so it is written here: a clitic before a
capitalised word is a name's own first word, and after a particle that follows a first
name it is the person's surname.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.strings import hash_string

from newsclaims.entities.labels import first_names
from newsclaims.entities.names import SURNAME_PARTICLES
from newsclaims.entities.spans import TokenSpan
from newsclaims.entities.tokens import DocTokens, positions

CLITICS = frozenset({"'t", "’t", "'s", "’s"})  # as the tokenizer writes them
APOSTROPHES = frozenset({"'", "’"})  # "'" + "s-Hertogenbosch": the tokenizer's split
_OPENERS = CLITICS | APOSTROPHES
_GLUED = re.compile(r"^s-[A-Z]")
# Before a clitic surname also "in" and "aan" ("Sophie in 't Veld", "Jan aan 't Hoen").
_PARTICLES = SURNAME_PARTICLES | {"in", "aan"}


@cache
def _opener_orths() -> frozenset[int]:
    """The word hashes of the openers (a string's hash is the same in every vocab)."""
    return frozenset(hash_string(w) for w in _OPENERS)


def clitic_end(toks: DocTokens, i: int) -> int | None:
    """The end of a name a clitic article at token ``i`` opens, else None.

    "naar 't Harde" -> after "Harde"; "uit ’" + "s-Hertogenbosch" -> after it; not "'t is"
    (no capital), nor a genitive glued to its word ("Max's Vader": no space before it), nor
    a sentence's own first word before a capital the NER does not tag ("'t Is"), nor a
    clitic right after a capitalised word: it is inside that name ("Visser 't Hooft").
    """
    words = toks.table.words  # the cheap tests first: most "'" open a quotation
    if i + 1 >= len(words):
        return None
    word, nxt = words[i], words[i + 1]
    if word in APOSTROPHES:
        if not _GLUED.match(nxt) or toks[i].ws or (i > 0 and not toks[i - 1].ws):
            return None
        return i + 2
    if not nxt[:1].isupper() or not nxt[1:2].islower() or (i > 0 and not toks[i - 1].ws):
        return None
    if i > 0 and toks[i - 1].text[:1].isupper() and not toks[i - 1].punct:
        if _surname_particle(toks, i - 1):
            return i + 2  # "dat Op 't Einde zei": a surname opening with its particle
        return None
    if toks[i].sent_start and not any(s <= i + 1 < e for s, e, _ in toks.ents()):
        return None
    return i + 2


def _surname_particle(toks: DocTokens, j: int) -> bool:
    """A capitalised particle inside a sentence: a surname's first word ("Op", "Van")."""
    return toks[j].lower in _PARTICLES and not toks[j].sent_start and j > 0


def person_start(toks: DocTokens, i: int, ents: list[TokenSpan]) -> int | None:
    """Where the person whose surname the clitic at ``i`` opens begins, else None.

    "Sophie in 't Veld", "directeur Freek op 't Einde", "Henk van 't Schip": one or two
    lowercase name particles before the clitic, and before them a known first name or the
    end of a span the NER calls a person (a title inside it is trimmed later); or the
    surname alone, its particle capitalised inside a sentence ("dat Op 't Einde zei").
    """
    if i > 0 and toks[i - 1].text[:1].isupper() and _surname_particle(toks, i - 1):
        return i - 1  # "Op 't Einde" alone
    j = i
    while j > 0 and i - j < 2 and toks[j - 1].text.islower() and toks[j - 1].lower in _PARTICLES:
        j -= 1
    if j == i or j == 0 or not toks[j - 1].text[:1].isupper():
        return None
    for start, end, label in ents:
        if start < j <= end and label == "PER":
            return start  # "Sophie" tagged alone, or the whole name tagged already
    return j - 1 if toks[j - 1].lower in first_names() else None


def clitic_names(toks: DocTokens) -> list[TokenSpan]:
    """Every name a clitic article opens, as spans: a person's ("Sophie in 't Veld", PER),
    else a place's ("'t Harde", LOC; the NER's own label kept when it is not PER)."""
    openers = _opener_orths()
    if toks.orths.isdisjoint(openers):
        return []
    found = positions(toks.table.orth, openers)
    ents: list[TokenSpan] | None = None  # read only for a clitic that opens a name
    out: list[TokenSpan] = []
    for i in found:
        end = clitic_end(toks, i)
        if end is None or (out and i < out[-1][1]):
            continue
        ents = toks.ents() if ents is None else ents
        start = person_start(toks, i, ents)
        if start is not None:
            out.append((start, end, "PER"))
            continue
        tagged = [lab for s, e, lab in ents if s < end and e > i and lab != "PER"]
        out.append((i, end, tagged[0] if tagged else "LOC"))
    return out
