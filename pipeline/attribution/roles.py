"""Role and organisation nouns: whether a word names a person by role ("woordvoerder",
"VVD-fractievoorzitter", "omgevingsmanager"), whether a description refers back to
someone named before ("de renner van Trek", "het Britse bedrijf", "de Engelse"), and the
proper name a role phrase holds ("LTO-voorzitter Sjaak van der Tak" -> the name).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from newsclaims import lexicon
from newsclaims.attribution.marks import APOSTROPHES
from newsclaims.attribution.view import ArticleView
from newsclaims.entities import clean_name
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
    if head in v.lex.pairs and (det or head == "beiden"):
        return head, "PAIR"  # "het duo", "de twee", "beiden": two people named together
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


def person_noun(v: ArticleView, word: str) -> bool:
    """A noun for a person, singular: a role or a noun that counts people, also as the end
    of a closed compound ("docent", "campagneleider", "deelnemer"; ``lexicon.people_nouns``).
    """
    low = word.lower()
    if role_noun(v, low) or low in lexicon.people_nouns():
        return True
    endings, lengths = _person_endings(v.lex.roles)
    return any(len(low) > n + 2 and low[-n:] in endings for n in lengths)


@cache
def _person_endings(roles: frozenset[str]) -> tuple[frozenset[str], tuple[int, ...]]:
    """The people nouns and roles of five letters or more, with their lengths: one set
    look-up per length for the end of a compound, made once."""
    known = frozenset(p for p in lexicon.people_nouns() | roles if len(p) > 4)
    return known, tuple(sorted({len(p) for p in known}, reverse=True))


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


def _adjective_as_noun(head: list[Token]) -> bool:
    """ "de Nederlandse deskundigen": a plural adjective after an adjective is the noun the
    phrase is about, not a word after a name ("zei Mark Rutte tevreden")."""
    return head[-1].lower_.endswith("en") and head[-2].pos_ == "ADJ"


def name_in_phrase(v: ArticleView, tokens: list[Token]) -> str | None:
    """The proper name in a speaker phrase: "de Iraakse premier Adel Abdul-Mahdi" -> the
    name, "directeur Jan de Vries van de bond" -> "Jan de Vries"; None for descriptions."""
    cut = len(tokens)
    for k, tok in enumerate(tokens):
        if k > 0 and (
            tok.lower_ in ("uit", "bij", "namens", "over", "tegen")
            or (tok.lower_ == "van" and not _name_continues(tokens, k + 1))
        ):
            cut = k
            break
    head = tokens[:cut]
    while (
        len(head) > 1
        and head[-1].is_lower
        and head[-1].pos_ in ("ADV", "ADJ")
        and not _adjective_as_noun(head)
    ):
        head = head[:-1]  # "kijkt Michel Mulder enthousiast vooruit"
    if not head or not head[-1].text[:1].isupper():
        return None
    run = [head[-1]]
    particles = ("de", "van", "der", "den", "al", "el", "bin", "ter", "ten", "von", "la", "le")
    for tok in reversed(head[:-1]):
        if tok.text[:1].isupper() or tok.text in APOSTROPHES:
            run.append(tok)
        elif tok.lower_ in particles and tok.i > head[0].i and len(run) < 6:
            run.append(tok)  # "Sjaak van der Tak", "Nanda de Jongh"
        elif tok.lower_ in ("en", "&") and tok.i > head[0].i and tok.nbor(-1).text[:1].isupper():
            run.append(tok)  # "Justitie en Veiligheid"
        else:
            break
    while run and run[-1].lower_ in particles:
        run.pop()
    run.reverse()
    while run and is_role(v, run[0]) and len(run) > 1:
        run = run[1:]  # "LTO-voorzitter Sjaak van der Tak"
    while run and run[0].lower_ in ("de", "van", "der", "den", "ter", "ten", "von"):
        run = run[1:]
    if not run:
        return None
    before_run = [t for t in head if t.i < run[0].i]
    if before_run and before_run[-1].lower_ in v.lex.prepositions | {"van"}:
        return None  # "het ministerie van Defensie": the name is not the head
    text = v.text[run[0].idx : run[-1].idx + len(run[-1].text)]
    if (
        run[0].i == tokens[0].i
        and run[0].is_sent_start
        and len(run) == 1
        and run[0].pos_ != "PROPN"
        and v.entities.resolve(run[0].text) is None
    ):
        return None  # a capitalised first word, unless the article names someone so
    name = clean_name(text)
    titles = v.lex.roles
    if not name or name.lower() in titles:
        return None
    return name


def _name_continues(tokens: list[Token], k: int) -> bool:
    """After "van": "Mierlo", "der Tak", "den Berg" go on with a name; "de bond" does not."""
    if k >= len(tokens):
        return False
    if tokens[k].text[:1].isupper():
        return True
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    return tokens[k].lower_ in ("der", "den") and nxt is not None and nxt.text[:1].isupper()
