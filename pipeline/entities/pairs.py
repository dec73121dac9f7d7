"""Two names joined by a hyphen are two referents: a match, a duel or a street corner.

The NER tags "Ajax-Feyenoord", "Murray-Wawrinka" and "Hurksestraat-Dillenburgstraat" as one
name, but each names two things the article has (the spec lists "Ajax" and "Feyenoord",
"Hurksestraat" and "Dillenburgstraat"). A pair is split into its halves when both halves
are names the article uses on their own ("Ajax" in "Ajax won van Feyenoord", "Murray" as
the last word of "Andy Murray"), or when both are place names by their form (the LOC
suffixes of ``entity_cues.toml``: "-straat", "-weg", "-laan" ...).

Not split: a pair one of whose halves the article never names alone, which keeps one
name written with a hyphen ("Jumbo-Visma", "Noord-Holland", "Saudi-Arabië",
"Willem-Alexander", "Spa-Francorchamps"), and a hyphenated word inside a longer name
("Clara Asscher-Pinkhof").
"""

from __future__ import annotations

import re

from newsclaims.entities.labels import has_place_suffix
from newsclaims.entities.names import clean_name, named_part
from newsclaims.entities.tokens import Piece
from newsclaims.namekeys import fold

# Two capitalised words of at least two letters joined by a hyphen or an en dash, the
# whole mention: "Ajax-Feyenoord", "Bencic–Kvitová" (not "IS-strijders", not "F-16").
_PAIR = re.compile(r"([^\W\d_][^\W_]+)[-–]([^\W\d_][^\W_]+)")


def _halves(text: str) -> tuple[str, str] | None:
    """ "Ajax-Feyenoord" -> ("Ajax", "Feyenoord"); None unless both halves are capitalised."""
    match = _PAIR.fullmatch(text)
    if match is None or not (match.group(1)[0].isupper() and match.group(2)[0].isupper()):
        return None
    return match.group(1), match.group(2)


def _names_alone(pieces: list[Piece]) -> frozenset[str]:
    """The folded names the article's other mentions give on their own, whole and by their
    last word ("Andy Murray" gives "andy murray" and "murray")."""
    names: set[str] = set()
    for piece in pieces:
        if _halves(piece.text) is not None:
            continue
        name = named_part(clean_name(piece.text))
        if name:
            names.add(fold(name))
            names.add(fold(name.rsplit(" ", 1)[-1]))
    return frozenset(names)


def _places(first: str, second: str) -> bool:
    """ "Hurksestraat-Dillenburgstraat": both halves are place names by their form."""
    return has_place_suffix(first) and has_place_suffix(second)


def split_pairs(pieces: list[Piece]) -> list[Piece]:
    """The mentions with every pair of two referents split into its halves, each with its
    own text and character offsets (the token range stays the pair's).

    "Ajax-Feyenoord" beside "Ajax" and "Feyenoord" -> "Ajax", "Feyenoord"; "Jumbo-Visma"
    beside "Jumbo" alone stays whole.
    """
    alone: frozenset[str] | None = None
    out: list[Piece] = []
    for piece in pieces:
        halves = _halves(piece.text)
        if halves is None:
            out.append(piece)
            continue
        first, second = halves
        if alone is None:
            alone = _names_alone(pieces)
        if not (_places(first, second) or (fold(first) in alone and fold(second) in alone)):
            out.append(piece)
            continue
        second_at = piece.start_char + len(piece.text) - len(second)
        out.append(piece._replace(text=first, end_char=piece.start_char + len(first)))
        out.append(piece._replace(text=second, start_char=second_at))
    return out
