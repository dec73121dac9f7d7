"""Names the NER missed where the article repeats them.

The NER tags a name in one sentence and misses it in the next: "PVV-leider Wilders wil
dinsdag ..." (only the compound tagged), "Toch rijdt Groenewegen het liefst ...". Every
untagged mention of a referent is a mention the quotes and claims cannot resolve a pronoun
to ("Wilders wil aanwezig zijn. Hij noemt het bizar ..." went to the last person the NER
did tag) and a row the mentions table lacks. Over 500 NOS articles about 110 such words.

A word is added as a mention of a referent when it is, written exactly so, a one-word
mention the article already gave that referent (a person, organisation or place), no
other referent has that word, and it is not a capitalised common word opening a sentence
("Kok" the person, "Kok" the cook). Case-sensitive: "Snel" the state secretary is not
"snel". The new mentions carry no label vote: the referent's label stays what its tagged
mentions and their context gave.
"""

from __future__ import annotations

from itertools import compress
from typing import TYPE_CHECKING

from newsclaims.entities.labels import common_capitals
from newsclaims.entities.tokens import DocTokens

if TYPE_CHECKING:
    from newsclaims.entities.extract import Cluster

_LABELS = frozenset({"PER", "ORG", "LOC"})


def _repeatable(word: str) -> bool:
    """A word that can name a referent alone: capitalised, letters, three or more."""
    return len(word) > 2 and word[:1].isupper() and word.isalpha()


def add_missed_mentions(toks: DocTokens, clusters: list[Cluster]) -> None:
    """Add every untagged repetition of a referent's one-word mention to its spans (in place).

    "PVV-leider Wilders wil ..." after "Wilders" elsewhere -> "Wilders" is a mention too.
    """
    owner: dict[str, Cluster | None] = {}
    for cluster in clusters:
        if cluster.label() not in _LABELS:
            continue
        for piece, part in cluster.spans:
            if piece.end - piece.start == 1 and piece.text == part and _repeatable(part):
                known = owner.get(part, cluster)
                owner[part] = cluster if known is cluster else None  # two referents: neither
    owners = {word: c for word, c in owner.items() if c is not None}
    if not owners:
        return
    words = toks.table.words
    found = compress(range(len(words)), map(owners.__contains__, words))  # the scan, in C
    covered = {i for c in clusters for p, _ in c.spans for i in range(p.start, p.end)}
    common = common_capitals()
    for i in found:
        if i in covered or (toks[i].sent_start and words[i].lower() in common):
            continue
        cluster = owners[words[i]]
        label = cluster.spans[0][0].label
        cluster.spans.append((toks.piece(i, i + 1, label), words[i]))
