"""``ArticleView``: one parsed article as the attribution rules read it, computed once.

Every rule walks tokens back and forth around a cue; through ``Doc.__getitem__`` each step
creates a new ``Token`` and looks its strings up again, which made extraction cost a third of
the parse. The view takes the token attributes as plain lists from the doc's token table
(``tokentable``, read once per doc and shared with the entity step), keeps one ``Token``
object per position for the few rules that read the parse tree, and is immutable
afterwards: the quoted spans, the sentences and the cue tokens are values computed here
before any rule runs, so no rule depends on what another rule did as a side effect.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import compress, repeat
from operator import add
from typing import overload

from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span, Token

from newsclaims.attribution import cues
from newsclaims.attribution.lexicon import CueLexicon, cue_lexicon
from newsclaims.attribution.marks import (
    FAMILY,
    QuoteSpan,
    is_mark_text,
    is_statement,
    is_title,
    opens_quote_at,
    paragraphs,
    scan_quotes,
)
from newsclaims.entities import ArticleEntities, ArticleEntity
from newsclaims.tokentable import token_table

_VERBAL = frozenset({"VERB", "AUX"})
_MARK_START = frozenset([*FAMILY, ","])
_STOPS = frozenset(".!?")
_WS = ("", " ")  # a token's trailing white space by its SPACY flag


class _Tokens:
    """``doc[i]`` created once per position and only when a rule asks for it."""

    def __init__(self, doc: Doc) -> None:
        self._doc = doc
        self._cache: list[Token | None] = [None] * len(doc)

    def __len__(self) -> int:
        return len(self._cache)

    @overload
    def __getitem__(self, i: int) -> Token: ...
    @overload
    def __getitem__(self, i: slice) -> list[Token]: ...
    def __getitem__(self, i: int | slice) -> Token | list[Token]:
        if isinstance(i, slice):
            cache, doc = self._cache, self._doc
            out = []
            for k in range(*i.indices(len(cache))):
                tok = cache[k]
                if tok is None:
                    tok = cache[k] = doc[k]
                out.append(tok)
            return out
        tok = self._cache[i]
        if tok is None:
            tok = self._cache[i] = self._doc[i]
        return tok


class ArticleView:
    """Everything the attribution rules need about one article (read-only after init)."""

    def __init__(self, doc: Doc, entities: ArticleEntities) -> None:
        self.doc = doc
        self.entities = entities
        self.lex: CueLexicon = cue_lexicon()
        n = len(doc)
        self.n = n
        self.toks = _Tokens(doc)
        # The doc's token columns as plain lists (``tokentable``, shared with the entity
        # step); per-word work is done once per distinct word (a news article repeats most
        # of its words).
        table = token_table(doc)
        self.words: list[str] = table.words
        self.text = text = "".join(map(add, self.words, map(_WS.__getitem__, table.spaced)))
        self.idx: list[int] = table.idx
        self.lower: list[str] = list(map(str.lower, self.words))
        # 0/1 flags, used for their truth value
        self.is_space: Sequence[int] = table.is_space
        self.is_punct: Sequence[int] = table.is_punct
        self.spaced: Sequence[int] = table.spaced
        self.has_pos = doc.has_annotation("POS") or doc.has_annotation("TAG")
        self.has_dep = doc.has_annotation("DEP")
        self.pos: list[str] = (
            list(map(POS_NAMES.get, table.pos, repeat(""))) if self.has_pos else [""] * n
        )
        distinct = set(self.words)
        marks = {w for w in distinct if w[:1] in _MARK_START and is_mark_text(w)}
        self.is_mark: list[bool] = list(map(marks.__contains__, self.words))
        self.sent_of: list[int] = [0] * n
        self._spacy_sents: list[int] = []
        if n and doc.has_annotation("SENT_START"):
            starts = [i for i, s in enumerate(table.sent_start) if s == 1]
            if not starts or starts[0] != 0:
                starts.insert(0, 0)
            for k, (a, b) in enumerate(zip(starts, [*starts[1:], n], strict=True)):
                self.sent_of[a:b] = [k] * (b - a)
            self._spacy_sents = [*starts, n]
        self.paras = paragraphs(text)
        self.para_starts = [p[0] for p in self.paras]
        self.mentions: list[tuple[int, int, ArticleEntity | None]] = [
            (m.start, m.end, entities.by_id(m.entity_id))
            for m in entities.mentions
            if m.label in ("PER", "ORG", "LOC")
        ]
        self.scanned: tuple[QuoteSpan, ...] = tuple(scan_quotes(text))
        titles = self.lex.title_nouns
        self.quote_spans: tuple[QuoteSpan, ...] = tuple(
            q
            for q in self.scanned
            if is_statement(text[q.start : q.end]) and not is_title(text, q.open_at, titles)
        )
        self.quoted: tuple[tuple[int, int], ...] = tuple((q.start, q.end) for q in self.quote_spans)
        may_end = {w for w in distinct if w[-1:] in _STOPS or "\n" in w}
        self.sents: list[tuple[int, int]] = self._sentences(may_end)
        self.sent_starts = [s for s, _ in self.sents]
        self.matches: dict[str, list[tuple[int, int]]] = cues.token_matches(self)
        self.cue_tokens: dict[int, str] = cues.match_cues(self)
        self.parse_dat: dict[int, int] = cues.parse_dat(self) if self.has_dep else {}

    # positions

    def token_at(self, char: int) -> int:
        return max(0, bisect_right(self.idx, char) - 1)

    def para_of(self, char: int) -> int:
        return max(0, bisect_right(self.para_starts, char) - 1)

    def sentence_of_token(self, i: int) -> tuple[int, int]:
        k = bisect_right(self.sent_starts, i) - 1
        if 0 <= k < len(self.sents) and i < self.sents[k][1]:
            return self.sents[k]
        return (0, self.n)

    def end_char(self, i: int) -> int:
        return self.idx[i] + len(self.words[i])

    def in_quote(self, char: int) -> bool:
        return any(s <= char < e for s, e in self.quoted)

    def is_verbal(self, tok: Token) -> bool:
        return self.pos[tok.i] in _VERBAL

    def verbal_at(self, i: int) -> bool:
        return self.pos[i] in _VERBAL

    def mention_in(self, start: int, end: int) -> ArticleEntity | None:
        for m_start, m_end, ent in self.mentions:
            if m_start < end and start < m_end:
                return ent
        return None

    def spacy_sentence(self, i: int) -> Span:
        """The parser's sentence of token ``i`` (the whole doc without sentence marks)."""
        if not self._spacy_sents:
            return self.doc[:]
        k = self.sent_of[i]
        return self.doc[self._spacy_sents[k] : self._spacy_sents[k + 1]]

    # sentences

    def _sentences(self, may_end: set[str]) -> list[tuple[int, int]]:
        """Token ranges of sentences, also cut at paragraph breaks the parser may miss;
        ``may_end``: the article's words after which a cut is possible."""
        n = self.n
        if n == 0:
            return []
        words, is_space, sent_of = self.words, self.is_space, self.sent_of
        # only where a cut is possible: after a line break, at a parser boundary, after a stop
        ends = compress(range(1, n + 1), map(may_end.__contains__, words))
        candidates = set(ends)
        candidates.update(self._spacy_sents[1:-1])
        candidates.discard(n)
        bounds = []
        start = 0
        for i in sorted(candidates):
            prev = words[i - 1]
            new_para = is_space[i - 1] and "\n" in prev and not is_space[i]
            parser_cut = sent_of[i] != sent_of[i - 1] and self._final(i - 1)
            missed = prev[-1:] in _STOPS and self._missed_cut(i)
            if new_para or parser_cut or missed:
                bounds.append((start, i))
                start = i
        bounds.append((start, n))
        return bounds

    def _final(self, i: int) -> bool:
        """Whether token ``i`` can end a sentence: the weak parser also splits mid-clause."""
        while i > 0 and (self.is_space[i] or self.is_mark[i]):
            i -= 1
        return self.words[i][-1:] in ".!?…:"

    def _missed_cut(self, i: int) -> bool:
        """ "… te ver. "Dit kost …": a full stop token, a space, then a capital or a mark."""
        prev = self.words[i - 1]
        if prev[-1:] not in (".", "!", "?") or not self.spaced[i - 1]:
            return False
        if self.is_mark[i]:  # "te ver." + opening mark: abbreviations open no quotes
            return opens_quote_at(self.text, self.idx[i])
        return prev in (".", "!", "?") and self.words[i][:1].isupper()


_LAST: list[tuple[Doc, ArticleEntities, ArticleView]] = []


def view_of(doc: Doc, entities: ArticleEntities) -> ArticleView:
    """The view of ``doc``; the last one is kept so the claims reuse the quotes' view."""
    if _LAST and _LAST[0][0] is doc and _LAST[0][1] is entities:
        return _LAST[0][2]
    view = ArticleView(doc, entities)
    _LAST[:] = [(doc, entities, view)]
    return view
