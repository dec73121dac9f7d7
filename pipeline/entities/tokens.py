"""A per-doc view of token attributes, read from spaCy once per token and kept as strings.

Every ``doc[i]`` makes a new ``Token`` object and every attribute read crosses into
Cython; the entity rules look at the same few tokens around each mention many times
(trimming, repairs, label context). ``DocTokens`` takes a token's text, lowercase form,
punctuation flag, sentence start and tag from the doc's token table (``tokentable``, read
once per doc) the first time any rule asks for it and keeps them in a tuple, so the rules
work on plain Python strings. Only tokens near mentions are ever made: a news article has
~400 tokens and ~25 entity mentions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

from newsclaims.tokentable import TokenTable, token_table


class Tok(NamedTuple):
    """The attributes of one token the entity rules use."""

    text: str
    lower: str
    punct: bool
    sent_start: bool
    pos: str
    idx: int
    ws: str


class Piece(NamedTuple):
    """One mention as token offsets, with its label and text (no spaCy ``Span`` kept)."""

    start: int
    end: int
    label: str
    text: str
    start_char: int
    end_char: int


class DocTokens(dict[int, Tok]):
    """Lazily cached token attributes of one doc; index like a list of ``Tok``.

    A dict subclass whose ``__missing__`` reads the token from the doc's columns: a cached
    look-up is then a plain dict look-up with no Python call, and the rules make ~400 of
    them per article. ``len()`` is the doc's length, not the number of cached tokens.
    """

    __slots__ = ("_orths", "_table", "doc", "has_pos", "n")

    def __init__(self, doc: Doc) -> None:
        super().__init__()
        self.doc = doc
        self.n = len(doc)
        self.has_pos = doc.has_annotation("POS")
        self._table: TokenTable | None = None
        self._orths: frozenset[int] | None = None

    @property
    def orths(self) -> frozenset[int]:
        """The doc's distinct word hashes, made once for every rule that asks whether a
        word occurs at all ("'t", a typing noun, a known compound)."""
        if self._orths is None:
            self._orths = frozenset(self.table.orth)
        return self._orths

    @property
    def table(self) -> TokenTable:
        """The doc's token columns (``tokentable``), read on first use and shared with the
        attribution view of the same doc (read again: the entity step opens a pass)."""
        if self._table is None:
            self._table = token_table(self.doc, fresh=True)
        return self._table

    def ents(self) -> list[tuple[int, int, str]]:
        """``doc.ents`` as (start, end, label): spaCy reads the IOB codes in C, faster than
        numpy's small-array calls per doc."""
        return [(e.start, e.end, e.label_) for e in self.doc.ents]

    def sentence_starts(self) -> list[int]:
        """Token offsets where sentences begin (as ``doc.sents``), or [] if unknown."""
        if not self.n or not self.doc.has_annotation("SENT_START"):
            return []
        sent = self.table.sent_start
        return [0, *(i for i in range(1, self.n) if sent[i] == 1)]

    def __len__(self) -> int:
        return self.n

    def __missing__(self, i: int) -> Tok:
        if not -self.n <= i < self.n:
            raise IndexError(i)
        t = self._table or self.table
        tok = Tok(
            t.words[i],
            t.words[i].lower(),  # spaCy's LOWER is str.lower of the word
            bool(t.is_punct[i]),
            t.sent_start[i] == 1,
            POS_NAMES[t.pos[i]],
            t.idx[i],
            " " if t.spaced[i] else "",
        )  # as Token.text, lower_, is_punct, is_sent_start, pos_, idx, whitespace_
        self[i] = tok
        return tok

    def piece(self, start: int, end: int, label: str) -> Piece:
        """The mention [start, end) with its text and character offsets (as ``Span`` has)."""
        begin = self[start].idx
        last = self[end - 1]
        stop = last.idx + len(last.text)
        return Piece(start, end, label, self.span_text(start, end), begin, stop)

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens [start, end), as ``doc[start:end].text`` (no ``doc.text``, which
        joins every token of the doc)."""
        if end <= start:
            return ""
        if end - start == 1:
            return self[start].text
        parts = [self[i] for i in range(start, end)]
        return "".join(t.text + t.ws for t in parts[:-1]) + parts[-1].text


def positions(seq: list[Any], values: Iterable[Any]) -> list[int]:
    """The offsets in ``seq`` of every item equal to one of ``values``, in order: found
    with ``list.index`` in C, not a Python loop over a doc's tokens (a rule that looks
    for a few words in every article pays for the loop in every article)."""
    out: list[int] = []
    for value in values:
        i = -1
        try:
            while True:
                i = seq.index(value, i + 1)
                out.append(i)
        except ValueError:
            pass
    return sorted(out)


class WordLabels:
    """A rule's answer per word, by the word's hash, remembered across docs.

    Most words of a doc are known misses: one set difference in C leaves the hits and the
    words not seen yet, so the rule's string function runs once per new word, not per
    token (a hash stands for the same string in every doc). Bounded: past ``limit`` words
    it forgets and starts again.
    """

    def __init__(self, label_of: Callable[[str], str | None], limit: int = 200_000) -> None:
        self.label_of = label_of
        self.limit = limit
        self.hits: dict[int, str] = {}
        self.misses: set[int] = set()

    def of(self, toks: DocTokens) -> dict[int, str]:
        """The doc's words (by hash) the rule gives a label, with that label."""
        strings = toks.doc.vocab.strings
        found: dict[int, str] = {}
        for orth in toks.orths.difference(self.misses):
            label = self.hits.get(orth)
            if label is None:
                if len(self.misses) + len(self.hits) > self.limit:
                    self.misses.clear()
                    self.hits.clear()
                label = self.label_of(strings[orth])
                if label is None:
                    self.misses.add(orth)
                    continue
                self.hits[orth] = label
            found[orth] = label
        return found
