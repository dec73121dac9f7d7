"""Token-range helpers the quote rules share: spans, clause ends, the "dat" after a cue."""

from __future__ import annotations

from spacy.tokens import Token

from newsclaims.attribution.marks import is_mark_text, trimmed
from newsclaims.attribution.types import Found
from newsclaims.attribution.view import ArticleView


def char_span(v: ArticleView, a: int, b: int) -> tuple[int, int]:
    """Token range -> trimmed character span (no trailing comma/space)."""
    if b <= a:
        return (0, 0)
    start = v.toks[a].idx
    last = v.toks[b - 1]
    end = last.idx + len(last.text)
    start, end = trimmed(v.text, start, end)
    while end > start and v.text[end - 1] in ",;:":
        end -= 1
    return start, end


def within_a_quote(v: ArticleView, start: int, end: int) -> bool:
    """Whether the span [start, end) is (but for three characters at either edge, its marks
    and a full stop) one quoted span: 'zei dat "het niet nodig is"', 'omschreef de uitspraak
    als "een klap"'. The partial quote is then the statement, not an indirect copy of it."""
    return any(qs <= start + 3 and qe >= end - 3 for qs, qe in v.quoted)


def _reports(v: ArticleView, joint: int, k: int, s_end: int) -> bool:
    """After the coordinator at ``joint``, the cue at ``k`` opens a report of its own: "en Y
    denkt dat ...", "maar volgens Y", "en het gegeven dat Y zei ...", "en noemde ...";
    not "dat hij en zijn vrouw geloven in persvrijheid" (a cue verb in another sense)."""
    if v.lower[k] == "volgens" or "dat" in v.lower[joint + 1 : k]:
        return True
    if v.cue_tokens.get(k) in v.lex.small_clause:
        return True  # "en noemde een termijn zelfs realistisch"
    return any(v.lower[j] in ("dat", ":") for j in range(k + 1, min(s_end, k + 5)))


def clause_end(v: ArticleView, start_tok: int, s_end: int) -> int:
    """End token of a reported clause: before the next attribution in the sentence."""
    end = s_end
    commas = 0
    for k in range(start_tok + 1, s_end):
        if k in v.cue_tokens or v.toks[k].lower_ in ("volgens",):
            j = k - 1
            while j > start_tok:
                low = v.toks[j].lower_
                if low in (",", ";") or (
                    low in ("en", "maar", "want") and _reports(v, j, k, s_end)
                ):
                    return j
                j -= 1
        tok = v.toks[k]
        if (
            tok.text == ","
            and k + 1 < s_end
            and v.toks[k + 1].lower_ in ("maar", "al", "want", "terwijl")
        ):
            return k
        if tok.text == "," and not commas and k + 1 < s_end and _finite(v.toks[k + 1]):
            # "Hoewel hij niet verwacht dat ... aangenomen, is hij ...": the main clause;
            # not after a comma that opened an aside ("dat de vrijheid, zoals die nu
            # geldt, moet worden ...")
            return k
        commas += tok.text == ","
        if tok.text in (";",):
            return k
    return end


def _finite(tok: Token) -> bool:
    """A finite verb (by the morphology the model gives; none in a doc without it)."""
    return tok.pos_ in ("VERB", "AUX") and "Fin" in tok.morph.get("VerbForm")


def dat_after(v: ArticleView, i: int, s_end: int) -> int | None:
    """The complementizer "dat" a few words after a cue verb (no parse needed)."""
    for j in range(i + 1, min(s_end, i + 8)):
        tok = v.toks[j]
        if tok.is_punct or is_mark_text(tok.text) or tok.is_space:
            return None
        if tok.lower_ == "dat":
            nxt = v.toks[j + 1] if j + 1 < v.n else None
            if nxt is None or nxt.is_punct or nxt.is_space:
                return None
            if v.has_pos and tok.pos_ in ("PRON", "DET") and v.is_verbal(nxt):
                return None
            return j
        if v.is_verbal(tok) and j > i + 1 and tok.lower_ not in v.lex.particle.values():
            return None
    return None


def het_dat(v: ArticleView, i: int, s_end: int) -> int | None:
    """The "dat" of "<cue> het <judgement> dat ...": "Iran noemt het 'zeer gevaarlijk' dat
    de VS ...", "noemt het een gemiste kans dat ...". The judgement opens with an adjective
    or "een" (after adverbs and marks); "noemt het aantal keren dat" (a noun: a relative
    clause) and a comma or verb before "dat" are not this layout."""
    j = i + 1
    if not v.has_pos or j >= s_end or v.lower[j] != "het":
        return None
    j += 1
    while j < s_end and (v.is_mark[j] or v.pos[j] == "ADV"):
        j += 1
    if j >= s_end or not (v.pos[j] == "ADJ" or v.lower[j] == "een"):
        return None
    for k in range(j, min(s_end - 1, j + 8)):
        if v.lower[k] == "dat":
            return k
        if v.words[k] in ",;:" or v.verbal_at(k):
            return None
    return None


def indirect_only(found: tuple[Found, ...]) -> tuple[Found, ...]:
    """Indirect rules yield to each other, not to quoted text: a partial quote inside a
    "volgens X" sentence leaves the sentence an indirect statement (spans may nest)."""
    return tuple(f for f in found if f.kind == "indirect")
