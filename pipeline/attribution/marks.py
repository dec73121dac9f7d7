"""Quotation marks as a pure function of the text (no model): scanning, pairing, classifying.

``scan_quotes(text)`` finds quoted spans from the marks alone, so its invariants - never an
exception, spans inside the text, no span across a paragraph boundary unless the next
paragraph opens with a mark - can be property-tested on arbitrary strings. Dutch writes the
apostrophe with the same character as the closing single quote (zo’n, ’s avonds, IS’ers), so
marks are classified by their neighbours (flanking, as CommonMark does for emphasis) before
they are paired. Hand-written: Unicode and CommonMark define the characters and flanking, but
no library pairs Dutch newspaper marks (,,Zo gaat het'' included).

It lives in the attribution layer because the quoted spans are its first fact: rules for
indirect speech and claim sources skip text that is already quoted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

# --- scanning quotation marks (pure, no model) ---------------------------------------------

# family of each mark: d = double, s = single, g = guillemets, h = single guillemets
FAMILY = {
    '"': "d", "“": "d", "”": "d", "„": "d", "‟": "d",
    "'": "s", "‘": "s", "’": "s", "‚": "s", "‛": "s",
    "«": "g", "»": "g", "‹": "h", "›": "h",
}  # fmt: skip
_ALWAYS_OPEN = frozenset("„‚«‹")
_ALWAYS_CLOSE = frozenset("»›")
_OPEN_LEANING = frozenset("“‘‟‛")  # open when both sides are words
APOSTROPHES = frozenset("'’‘")
_ELISION = re.compile(r"(?i)(?:s|t|n|k|m|r|ns|ie)(?![^\W\d_])")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
MIN_QUOTE_WORDS = 3
# where a mark may start: a mark character, or the two commas of ,,Zo gaat het''
_CANDIDATE = re.compile("".join(["[", re.escape("".join(FAMILY)), "]|,,"]))


@dataclass(frozen=True)
class QuoteSpan:
    """Quoted content between a pair of marks; ``start``/``end`` exclude the marks."""

    start: int
    end: int
    open_at: int
    close_at: int | None  # None: the quote goes on in the next paragraph
    depth: int  # 0 for an outer quote, 1 for a quote inside a quote


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph; blank lines separate them."""
    spans = []
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith(("P", "S"))


def _is_apostrophe(text: str, i: int) -> bool:
    """Whether a single mark at ``i`` is an apostrophe rather than a quotation mark."""
    ch = text[i]
    if ch not in APOSTROPHES:
        return False
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isalnum() and nxt.isalnum():  # zo’n, auto's, IS’ers, d'r
        return True
    starts_word = prev.isspace() or prev in "(-[/"
    if starts_word and nxt.isalpha() and _ELISION.match(text, i + 1):  # ’s avonds, 't, ’n
        return True
    # '80, ’90s
    return (prev.isspace() or prev in "(-[/") and text[i + 1 : i + 3].isdigit()


def _flanking(text: str, i: int) -> tuple[bool, bool]:
    """(left-flanking, right-flanking): could the mark open, could it close."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return _flanking_between(prev, nxt)


def _mark_roles(text: str, i: int) -> tuple[bool, bool]:
    """(can open, can close) for the mark at ``i``."""
    ch = text[i]
    if ch in _ALWAYS_OPEN:
        return True, False
    if ch in _ALWAYS_CLOSE:
        return False, True
    if FAMILY[ch] == "s" and _is_apostrophe(text, i):
        return False, False
    left, right = _flanking(text, i)
    if ch == '"' and not left and not right:
        return False, True  # free-standing: a closer after a stray space (",,En weer " Hij")
    if left and right:  # a mark glued between words or punctuation on both sides
        if ch in _OPEN_LEANING:
            return True, False
        if ch in "”’":
            return False, True
        return True, True  # straight marks: close if something is open, else open
    return left, right


def _mark_at(text: str, i: int) -> tuple[str, int, bool, bool] | None:
    """(family, width, can open, can close) of a quotation mark starting at ``i``, if any.

    Besides the single characters, Dutch papers open with two commas and close with two
    apostrophes (,,Zo gaat het'' / ,,Zo gaat het"), so two-character marks count too.
    """
    two = text[i : i + 2]
    if two == ",,":
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 2] if i + 2 < len(text) else " "
        opens = (prev.isspace() or prev in "([:;—–-") and not nxt.isspace() and nxt != ","
        return ("d", 2, True, False) if opens else None
    if two == "''":
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 2] if i + 2 < len(text) else " "
        left, right = _flanking_between(prev, nxt)
        return ("d", 2, left and not right, right)
    ch = text[i] if i < len(text) else ""
    if ch not in FAMILY:
        return None
    can_open, can_close = _mark_roles(text, i)
    return (FAMILY[ch], 1, can_open, can_close)


def _flanking_between(prev: str, nxt: str) -> tuple[bool, bool]:
    prev_ws, next_ws = prev.isspace(), nxt.isspace()
    prev_p, next_p = _is_punct(prev), _is_punct(nxt)
    left = not next_ws and (not next_p or prev_ws or prev_p)
    right = not prev_ws and (not prev_p or next_ws or next_p)
    return left, right


def is_mark_text(text: str) -> bool:
    """A token that is only quotation marks: ", ’, ,, or ''."""
    return bool(text) and (all(ch in FAMILY for ch in text) or text == ",,")


def opens_quote_at(text: str, i: int) -> bool:
    """Whether an opening quotation mark starts at ``i``."""
    mark = _mark_at(text, i)
    return mark is not None and mark[2]


def _opens_with_mark(text: str, start: int, end: int) -> str | None:
    """The family of the quotation mark a paragraph opens with, if it does."""
    j = start
    while j < end and text[j].isspace():
        j += 1
    mark = _mark_at(text, j) if j < end else None
    return mark[0] if mark is not None and mark[2] else None


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _scan_paragraph(
    text: str, p_start: int, p_end: int, next_family: str | None
) -> list[QuoteSpan]:
    found: list[tuple[QuoteSpan, tuple[int, ...]]] = []  # with the openers around it
    stack: list[tuple[str, int, int]] = []  # (family, opening mark, content start)
    reopened: set[int] = set()  # opening marks that also stood for a missing closer
    i = p_start
    while i < p_end:
        candidate = _CANDIDATE.search(text, i, p_end)  # jump to the next possible mark
        if candidate is None:
            break
        i = candidate.start()
        mark = _mark_at(text, i)
        if mark is None:
            i += 1
            continue
        family, width, can_open, can_close = mark
        if can_close and _closes_single(text, i, family, stack):
            family = "s"  # "'Het is een andere kleur verf'', vertelt ...": a typo of ,,
        if can_close and any(f == family for f, _, _ in stack):
            while stack:
                f, at, content = stack.pop()
                if f == family:
                    start, end = trimmed(text, content, i)
                    if end > start:
                        around = tuple(a for _, a, _ in stack)
                        found.append((QuoteSpan(start, end, at, i, len(stack)), around))
                    break
        elif can_open:
            if _missing_closer(text, i, stack, family):
                _, at, content = stack.pop()
                start, end = trimmed(text, content, i)
                if end > start:
                    around = tuple(a for _, a, _ in stack)
                    found.append((QuoteSpan(start, end, at, end, len(stack)), around))
                reopened.add(i)
            stack.append((family, i, min(i + width, p_end)))
        i += width
    kept: set[int] = set()
    if stack:
        # An unclosed outer quote goes on only when the next paragraph opens with a mark of
        # its family (the newspaper convention for quotes over several paragraphs), or runs
        # to the paragraph's end when its mark also stood for a missing closer; any other
        # unbalanced mark is dropped, so it cannot swallow the rest of the article.
        family, at, content = stack[0]
        if next_family == family or at in reopened:
            start, end = trimmed(text, content, p_end)
            if end > start:
                found.append(
                    (QuoteSpan(start, end, at, None if next_family == family else end, 0), ())
                )
                kept.add(at)
    # a dropped mark encloses nothing: the quotes inside it are outer quotes
    dropped = {at for _, at, _ in stack} - kept
    spans = [
        replace(q, depth=sum(1 for a in around if a not in dropped)) if dropped else q
        for q, around in found
    ]
    return sorted(spans, key=lambda q: (q.start, q.depth))


def _closes_single(text: str, i: int, family: str, stack: list[tuple[str, int, int]]) -> bool:
    """Two apostrophes closing a quote opened with one, no double quote open: the writer
    meant ,,...'' and typed one mark."""
    return (
        family == "d"
        and text.startswith("''", i)
        and bool(stack)
        and stack[-1][0] == "s"
        and all(f != "d" for f, _, _ in stack)
    )


def _missing_closer(text: str, i: int, stack: list[tuple[str, int, int]], family: str) -> bool:
    """A straight mark that can only open, after a sentence's end, while a quote of its
    family is open: the writer left out the closer ("Toen ik jong was, kwam ik hier. "De
    tempel was toen het centrum."), and the open quote ends before it. Straight marks of
    one family do not nest, so the mark cannot open a quote inside the open one."""
    return (
        text[i] == '"'
        and bool(stack)
        and stack[-1][0] == family
        and i >= 2
        and text[i - 1].isspace()
        and text[i - 2] in ".!?…"
    )


def scan_quotes(text: str) -> list[QuoteSpan]:
    """Every quoted span in ``text``, in order; never crosses a paragraph boundary."""
    paras = paragraphs(text)
    out: list[QuoteSpan] = []
    for k, (p_start, p_end) in enumerate(paras):
        next_family = _opens_with_mark(text, *paras[k + 1]) if k + 1 < len(paras) else None
        out.extend(_scan_paragraph(text, p_start, p_end, next_family))
    return out


def word_count(text: str) -> int:
    return sum(1 for w in text.split() if any(ch.isalnum() for ch in w))


def is_statement(text: str) -> bool:
    """At least three words: shorter quoted terms are scare quotes, not quotes (spec §3)."""
    count = 0
    for w in text.split():
        if any(ch.isalnum() for ch in w):
            count += 1
            if count >= MIN_QUOTE_WORDS:
                return True
    return False


def is_title(text: str, open_at: int, title_nouns: frozenset[str]) -> bool:
    """ "de campagne 'Samen sterk'", "de talentenjacht 'The Voice of Holland'", "het
    televisieprogramma 'Opsporing Verzocht'": quoted words right after a title noun name a
    work; after a compound ending in one only when they open with a capital."""
    before = text[max(0, open_at - 40) : open_at].split()
    if not before:
        return False
    word = before[-1].lower().strip(",:")
    if word in title_nouns:
        return True
    capital = text[open_at + 1 : open_at + 3].lstrip()[:1].isupper()  # a title's first word
    return capital and any(  # not "vonden de initiatiefwet 'niet praktisch genoeg'"
        len(word) > len(noun) + 2 and word.endswith(noun) for noun in title_nouns
    )


def opens_only(text: str, at: int) -> bool:
    """Whether the mark at ``at`` opens (rather than closes) a quote."""
    mark = _mark_at(text, at)
    return mark is not None and mark[2] and not mark[3]
