"""Pairs of names: two referents joined by a hyphen, two people sharing one surname.

**Split pairs.** Two names joined by a hyphen are two referents: a match, a duel or a
street corner. The NER tags "Ajax-Feyenoord", "Murray-Wawrinka" and
"Hurksestraat-Dillenburgstraat" as one name, but each names two things the article has
(the spec lists "Ajax" and "Feyenoord", "Hurksestraat" and "Dillenburgstraat"). A pair
is split into its halves when both halves are names the article uses on their own ("Ajax"
in "Ajax won van Feyenoord", "Murray" as the last word of "Andy Murray"), or when both are
place names by their form (the LOC suffixes of ``entity_cues.toml``: "-straat", "-weg",
"-laan" ...).

Two names joined by a slash are split the same way ("Wesley Koolhof/Robin Haase", a
doubles team). Two surnames side by side, which the NER took for one person ("dat Biden
Shokin ontslagen kreeg", "dat Trump Zelensky onder druk zette"), are split when each is
the last word of another full name of the article ("Joe Biden", "Viktor Shokin") and the
first is no first name ("Jordan Henderson" stays whole beside "Michael Jordan").

Not split: a pair one of whose halves the article never names alone, which keeps one
name written with a hyphen ("Jumbo-Visma", "Noord-Holland", "Saudi-Arabië",
"Willem-Alexander", "Spa-Francorchamps"), and a hyphenated word inside a longer name
("Clara Asscher-Pinkhof").

A first name "van" an organisation named by its kind word is two referents too, a person
and the organisation ("Nienke van Enik Recovery College"); a surname with a particle
("Jan van Dijk") is not. So is a reader's signature, a full name and a known town ("Fred
Bos Winterswijk").

**Shared surnames.** "de broers Michel en Ronald Mulder" names Michel Mulder too: a lone
word coordinated with a person's full name takes that name's surname as its fullest form,
and counts as a person. Only for a first name: a known one, or one the NER calls a person
that is no known surname ("Kelsey en Garion Mulder"; not "Kinepolis en Vue Cinemas", "Dalì
en Andy Warhol", "Rutte en Wopke Hoekstra"), not the end of a name the NER cut ("Sardar
Azmoun en Karim Ansarifard"), one the article gives no fuller name of itself (after
linking: "Thomas en Egan Bernal" after "Geraint Thomas" is Thomas's surname alone, "Primoz
en Steven Kruijswijk" after "Primoz Roglic" his first name), and not a known name or a
place ("Ajax en Jan de Vries").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsclaims.entities.labels import (
    first_names,
    has_place_suffix,
    known_label,
    places,
    surnames,
    type_tail,
)
from newsclaims.entities.names import clean_name, is_place_word, named_part
from newsclaims.entities.tokens import DocTokens, Piece
from newsclaims.namekeys import fold

if TYPE_CHECKING:
    from newsclaims.entities.extract import Cluster

W_SHARED = 2.0  # a person's evidence for a lone word sharing a person's surname

# Two capitalised words of at least two letters joined by a hyphen or an en dash, the
# whole mention: "Ajax-Feyenoord", "Bencic–Kvitová" (not "IS-strijders", not "F-16").
_PAIR = re.compile(r"([^\W\d_][^\W_]+)[-–]([^\W\d_][^\W_]+)")


# Two names joined by a slash: "Kiki Bertens/Wesley Koolhof", "Arnhem/Nijmegen".
_SLASHED = re.compile(r"([^\W\d_][^/]*[^\W_])/([^\W\d_][^/]*[^\W_])")


def _halves(text: str) -> tuple[str, str] | None:
    """ "Ajax-Feyenoord" -> ("Ajax", "Feyenoord"), "Kiki Bertens/Wesley Koolhof" -> ("Kiki
    Bertens", "Wesley Koolhof"); None unless both halves are capitalised."""
    if "/" in text:
        match = _SLASHED.fullmatch(text)
    elif "-" in text or "–" in text:
        match = _PAIR.fullmatch(text)
    else:
        return None
    if match is None or not (match.group(1)[0].isupper() and match.group(2)[0].isupper()):
        return None
    return match.group(1), match.group(2)


def _surnames_of_others(pieces: list[Piece]) -> dict[str, set[str]]:
    """Folded last word -> the texts of the full names (two words or more) that end in it."""
    lasts: dict[str, set[str]] = {}
    for piece in pieces:
        name = clean_name(piece.text)
        if " " in name and _halves(piece.text) is None:
            lasts.setdefault(fold(name.rsplit(" ", 1)[-1]), set()).add(piece.text)
    return lasts


def _member_of(text: str) -> tuple[str, str] | None:
    """ "Nienke van Enik Recovery College" -> ("Nienke", "Enik Recovery College"): a first
    name "van" an organisation named by its kind word ("College", "Ziekenhuis", "Bank"),
    one person of one organisation, not a surname with a particle ("Jan van Dijk")."""
    head, sep, tail = text.partition(" van ")
    if not sep or " van " in tail or not head or head.split(" ", 1)[0].lower() not in first_names():
        return None
    words = tail.split(" ")
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    return (head, tail) if type_tail(words[-1], "ORG") else None


def _name_and_place(piece: Piece) -> tuple[str, str] | None:
    """ "Annemarie Santifort Veenendaal" -> ("Annemarie Santifort", "Veenendaal"): a
    reader's signature, a person and her town, which the NER reads as one person. Only
    after a known first name and a surname, for a known place that is no known surname."""
    if piece.label != "PER" or piece.text.count(" ") < 2:
        return None
    words = piece.text.split(" ")
    if words[0].lower() not in first_names():
        return None
    last = words[-1]
    if not words[-2][:1].isupper() or last.lower() in surnames():
        return None
    if known_label(last) != "LOC" and last.lower() not in places():
        return None
    return " ".join(words[:-1]), last


def _two_surnames_shape(piece: Piece) -> bool:
    """A person of two capitalised words, the first no first name: "Biden Shokin"."""
    if piece.label != "PER" or piece.text.count(" ") != 1:
        return False
    first, second = piece.text.split(" ")
    return (
        first.isalpha()
        and second.isalpha()
        and first[:1].isupper()
        and second[:1].isupper()
        and first.lower() not in first_names()
    )


def _side_by_side(piece: Piece, lasts: dict[str, set[str]]) -> tuple[str, str] | None:
    """ "Biden Shokin" -> ("Biden", "Shokin"): a person of two words (``_two_surnames_shape``),
    each the surname of another full name of the article."""
    first, second = piece.text.split(" ")
    others = [lasts.get(fold(w), set()) - {piece.text} for w in (first, second)]
    return (first, second) if all(others) else None


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
    lasts: dict[str, set[str]] | None = None
    out: list[Piece] = []
    for piece in pieces:
        halves = _halves(piece.text)
        if halves is not None:
            if alone is None:
                alone = _names_alone(pieces)
            first, second = halves
            if not (_places(first, second) or (fold(first) in alone and fold(second) in alone)):
                halves = None
        elif _two_surnames_shape(piece):
            if lasts is None:
                lasts = _surnames_of_others(pieces)
            halves = _side_by_side(piece, lasts)
        elif (member := _member_of(piece.text)) is not None:
            _two_referents(out, piece, member, "ORG")
            continue
        elif (signed := _name_and_place(piece)) is not None:
            _two_referents(out, piece, signed, "LOC")
            continue
        if halves is None:
            out.append(piece)
            continue
        first, second = halves
        second_at = piece.start_char + len(piece.text) - len(second)
        out.append(piece._replace(text=first, end_char=piece.start_char + len(first)))
        out.append(piece._replace(text=second, start_char=second_at))
    return out


def _two_referents(out: list[Piece], piece: Piece, parts: tuple[str, str], label: str) -> None:
    """A person's name and, after it in the same mention, a referent labelled ``label``."""
    name, other = parts
    other_at = piece.start_char + len(piece.text) - len(other)
    out.append(piece._replace(text=name, end_char=piece.start_char + len(name), label="PER"))
    out.append(piece._replace(text=other, start_char=other_at, label=label))


def share_surnames(toks: DocTokens, clusters: list[Cluster]) -> None:
    """Give a lone first name coordinated with a person's full name that name's surname (in
    place): "Michel en Ronald Mulder" -> "Michel Mulder", a person."""
    at = {piece.start: (cluster, piece) for cluster in clusters for piece, _ in cluster.spans}
    for cluster in clusters:
        if cluster.alias_entry is not None or any(" " in name for name in cluster.names):
            continue
        for piece, name in cluster.spans:
            full = _coordinated_person(toks, piece, at)
            if full is None or full.split(" ", 1)[0] == name or not _lone_word(name, piece.label):
                continue
            if piece.start > 0 and toks[piece.start - 1].text.istitle():
                continue  # "Sardar Azmoun en Karim Ansarifard": the end of a name the NER cut
            cluster.names.append(f"{name} {full.split(' ', 1)[1]}")
            cluster.context["PER"] = cluster.context.get("PER", 0.0) + W_SHARED
            break


def _coordinated_person(
    toks: DocTokens, piece: Piece, at: dict[int, tuple[Cluster, Piece]]
) -> str | None:
    """The full name of a person right after "<piece> en", if one is there."""
    if piece.end - piece.start != 1 or piece.end + 1 >= len(toks) or toks[piece.end].lower != "en":
        return None
    found = at.get(piece.end + 1)
    if found is None or found[0].label() != "PER" or " " not in found[1].text:
        return None
    return found[1].text


def _lone_word(name: str, label: str) -> bool:
    """A first name, known or one the NER calls a person that is no known surname ("Kelsey
    en Garion Mulder"), and no known name of something else or a place: not "Chinatown",
    "Kinepolis" or a surname used alone ("Dalì en Andy Warhol", "Rutte en Wopke Hoekstra")."""
    low = name.lower()
    return (
        name.isalpha()
        and (low in first_names() or (label == "PER" and low not in surnames()))
        and known_label(name) is None
        and not is_place_word(name)
    )
