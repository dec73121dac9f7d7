"""Role and organisation nouns: whether a word names a person by role ("woordvoerder",
"VVD-fractievoorzitter", "omgevingsmanager") and whether a description refers back to
someone named before ("de renner van Trek", "het Britse bedrijf", "de Engelse").
"""

from __future__ import annotations

from spacy.tokens import Token

from newsclaims.attribution.view import ArticleView
from newsclaims.plurals import singular_candidates

HEAD_ENDS = frozenset({"van", "uit", "bij", "aan", "in", "op", "voor", "namens", "met"})


def nominal_anaphor(v: ArticleView, tokens: list[Token]) -> tuple[str, str] | None:
    """(head noun, label) when a description refers back to someone named before: "de
    renner van Trek-Segafredo" (a person), "het Britse bedrijf" (an organisation); a bare
    role noun ("Europarlementariër") as well. None for other descriptions."""
    det = tokens[0].lower_ in v.lex.determiners
    if not det and len(tokens) > 1:
        return None
    if det and len(tokens) == 2 and person_adjective(v, tokens[1]):
        return tokens[1].lower_, "PER"  # "de Engelse", "de 34-jarige"
    head = _head_word(tokens[1:] if det else tokens)
    if head is None:
        return None
    if role_noun(v, head):
        return head, "PER"
    if det and head in v.lex.org_nouns:
        return head, "ORG"
    return None


def _head_word(words: list[Token]) -> str | None:
    """The head noun of a description: the word before its first complement ("renner" in
    "renner van Trek"), lowercased; None when a complement opens it."""
    cut = next((k for k, t in enumerate(words) if t.lower_ in HEAD_ENDS), len(words))
    return words[cut - 1].lower_ if cut else None


def description_kind(v: ArticleView, words: list[Token]) -> str | None:
    """PER for a description of one person by role ("een woordvoerder van Defensie", "een
    agent"), so that a later "hij" can refer to it; else None (a group, a thing)."""
    head = _head_word(words)
    return "PER" if head is not None and role_noun(v, head) else None


def person_adjective(v: ArticleView, tok: Token) -> bool:
    """A nominalised adjective that stands for a person: "de Engelse", "de 34-jarige"."""
    low = tok.lower_
    if low.endswith(("-jarige", "jarige")):
        return True
    return v.pos[tok.i] == "ADJ" and tok.text[:1].isupper() and low.endswith("se")


def role_noun(v: ArticleView, word: str) -> bool:
    """A person-denoting role, also as the head of a compound: "renner",
    "VVD-fractievoorzitter", "europarlementariër"."""
    tail = word.rsplit("-", 1)[-1]
    return (
        word in v.lex.roles
        or tail in v.lex.roles
        or tail.endswith("voorzitter")
        or _compound_role(v, tail)
    )


def plural_role(v: ArticleView, word: str) -> bool:
    """A plural of a person-denoting role: a group of people ("officieren", "Kamerleden",
    "onderzoekers"), said by as a description, not resolved to one earlier person."""
    return any(role_noun(v, singular) for singular in singular_candidates(word.lower()))


def _compound_role(v: ArticleView, word: str) -> bool:
    """A closed compound ending in a role: "omgevingsmanager", "persvoorlichter"."""
    return len(word) > 8 and any(word.endswith(r) for r in _ROLE_HEADS if len(word) > len(r) + 2)


_ROLE_HEADS = ("manager", "woordvoerder", "directeur", "voorlichter", "medewerker", "deskundige")


def is_role(v: ArticleView, tok: Token) -> bool:
    """A role word, also as the head of a compound: "woordvoerder", "VVD-fractievoorzitter"."""
    low = tok.lower_
    tail = low.rsplit("-", 1)[-1]
    return low in v.lex.roles or tail in v.lex.roles or tail.endswith("voorzitter")
