"""Finding the reporting cues of an article: verbs (with their particles), fixed phrases,
"volgens", noun cues, and the parse's "cue -> clause -> dat" arcs.

Plain dictionary lookups over the view's lowercased words: spaCy's ``Matcher`` with an ``IN``
list of 300 forms did the same work at several times the cost on every article. Which cue a
rule reads is up to the rule; this module only says where the cues are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsclaims.attribution.view import ArticleView

_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "xcomp", "parataxis"})
DAT_REACH = 4  # words from a ``with_dat`` cue to its "dat": "wil ook graag dat"


def token_matches(view: ArticleView) -> dict[str, list[tuple[int, int]]]:
    """(start, end) token ranges of "volgens", noun cues ("de conclusie dat"), ", zo <cue>"
    ("Het leger, zo constateert het ministerie, ...") and fixed phrases ("naar eigen zeggen")."""
    lex = view.lex
    lower = view.lower
    out: dict[str, list[tuple[int, int]]] = {}
    phrases = [words for words in lex.phrases.values() if words]
    wanted = {"volgens", ",", *lex.nouns, *(words[0] for words in phrases)}
    for i, low in enumerate(lower):
        if low not in wanted:
            continue
        if low == "volgens":
            out.setdefault("VOLGENS", []).append((i, i + 1))
        if low in lex.nouns:
            out.setdefault("NOUN_DAT", []).append((i, i + 1))
        if (
            low == ","
            and i + 2 < len(lower)
            and lower[i + 1] == "zo"
            and lower[i + 2] in lex.form_lemma
        ):
            out.setdefault("ZO_CUE", []).append((i, i + 3))
        for words in phrases:
            if low == words[0] and tuple(lower[i : i + len(words)]) == words:
                out.setdefault("PHRASE", []).append((i, i + len(words)))
    return out


def match_cues(view: ArticleView) -> dict[int, str]:
    """Token index -> cue lemma for every reporting verb whose particle, if any, is there.

    "Het ministerie deelde mee dat ...": "deelde" counts because "mee" follows in the clause
    (within 12 words, or further on right before "dat");
    "om te oordelen" is an infinitive and "het schrijven" a noun, not a speech act.
    """
    lex = view.lex
    lower = view.lower
    found: dict[int, str] = {}
    forms = lex.form_lemma
    for start in [i for i, low in enumerate(lower) if low in forms]:
        low = lower[start]
        lemma = forms[low]
        particle = lex.particle.get(lemma)
        if (
            particle and not low.startswith(particle) and "ge" + particle not in low
        ) and not low.startswith(particle.split()[0]):
            _s, e = view.sentence_of_token(start)
            if particle not in lower[start + 1 : min(e, start + 12)] and (
                particle_dat(lower, particle, start + 1, e) is None
            ):
                continue
        if start > 0 and lower[start - 1] in ("te", "om"):
            continue
        if view.words[start][:1].isupper() and start > 0 and _inside_clause(view, start):
            continue  # a name, not a verb: "PVV, Denk, 50 Plus en Forum", "DENK vindt"
        if start > 0 and lower[start - 1] in ("het", "voor", "bij") and low.endswith("en"):
            continue  # "het schrijven van het boek": a nominalised infinitive
        if lemma in lex.with_dat and not _subordinate_dat_after(view, start):
            continue
        found[start] = lemma
    return found


def _inside_clause(view: ArticleView, i: int) -> bool:
    """Token ``i`` is inside its sentence, not after a colon, a quotation mark or a bracket,
    where a capital would open the words quoted: a verb has no capital there."""
    prev = view.words[i - 1]
    return (
        i not in view.sent_starts
        and prev not in (":", "(", "-", "–")
        and not view.is_mark[i - 1]
        and not view.is_space[i - 1]
    )


def _subordinate_dat_after(view: ArticleView, i: int) -> bool:
    """A "dat" the tagger calls a subordinator within DAT_REACH words after the verb at
    ``i``, with only adverbs between: "De bond wil ook dat het COA ...", not "wil dat huis
    kopen" (a determiner), "wil dat niet" (a pronoun), "dat mensen oplossingen willen en
    dat ze ..." (the next clause's "dat") or "willen laten weten dat" (another verb's)."""
    if not view.has_pos:
        return False
    _s, e = view.sentence_of_token(i)
    for j in range(i + 1, min(e, i + 1 + DAT_REACH)):
        if view.lower[j] == "dat":
            return view.pos[j] == "SCONJ"
        if view.pos[j] != "ADV":
            return False
    return False


def particle_dat(lower: list[str], particle: str, start: int, end: int) -> int | None:
    """The "dat" right after a separable verb's particle that closes a long main clause:
    "Vorige week spraken Erdogan en Poetin in de Russische badplaats Sotsji af dat ..."
    (16 words apart); searched from ``start`` up to 30 words, not past ``end``."""
    for j in range(start, min(end, start + 30) - 1):
        if lower[j] == particle and lower[j + 1] == "dat":
            return j + 1
    return None


def parse_dat(view: ArticleView) -> dict[int, int]:
    """Cue token -> its "dat" by the parse: cue verb -> complement clause -> "dat"."""
    out: dict[int, int] = {}
    for i in view.cue_tokens:
        for clause in view.toks[i].children:
            if clause.dep_ not in _CLAUSE_DEPS:
                continue
            for mark in clause.children:
                if view.lower[mark.i] == "dat":
                    out.setdefault(i, mark.i)
    return out
