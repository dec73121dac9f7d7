"""A per-doc view of token attributes, read from spaCy once per token and kept as strings.

Every ``doc[i]`` makes a new ``Token`` object and every attribute read crosses into
Cython; the entity rules look at the same few tokens around each mention many times
(trimming, repairs, label context). ``DocTokens`` reads a token's text, lowercase form,
punctuation flag, sentence start and tag the first time any rule asks for it and keeps
them in a tuple, so the rules work on plain Python strings. Only tokens near mentions are
ever read: a news article has ~400 tokens and ~25 entity mentions.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, IS_PUNCT, LOWER, ORTH, POS, SENT_START, SPACY
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

_COLUMNS = [ORTH, ENT_IOB, ENT_TYPE, SENT_START, LOWER, IS_PUNCT, POS, IDX, SPACY]


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

    __slots__ = ("_columns", "doc", "has_pos", "n")

    def __init__(self, doc: Doc) -> None:
        super().__init__()
        self.doc = doc
        self.n = len(doc)
        self.has_pos = doc.has_annotation("POS")
        self._columns: list[list[int]] | None = None

    @property
    def columns(self) -> list[list[int]]:
        """Token attributes column by column (``_COLUMNS`` order) as plain lists, read once:
        ``to_array`` is one C call for the doc, where reading a ``Token`` makes an object
        and crosses into Cython per attribute; one ``tolist`` then spares numpy's per-item
        boxing on every later read."""
        if self._columns is None:
            self._columns = (
                self.doc.to_array(_COLUMNS).T.tolist() if self.n else [[] for _ in _COLUMNS]
            )
        return self._columns

    def ents(self) -> list[tuple[int, int, str]]:
        """``doc.ents`` as (start, end, label): spaCy reads the IOB codes in C, faster than
        numpy's small-array calls per doc."""
        return [(e.start, e.end, e.label_) for e in self.doc.ents]

    def sentence_starts(self) -> list[int]:
        """Token offsets where sentences begin (as ``doc.sents``), or [] if unknown."""
        if not self.n or not self.doc.has_annotation("SENT_START"):
            return []
        sent = self.columns[3]
        return [0, *(i for i in range(1, self.n) if sent[i] == 1)]

    def __len__(self) -> int:
        return self.n

    def __missing__(self, i: int) -> Tok:
        if not -self.n <= i < self.n:
            raise IndexError(i)
        orth, _, _, sent, lower, punct, pos, idx, space = self._columns or self.columns
        strings = self.doc.vocab.strings
        tok = Tok(
            strings[orth[i]],
            strings[lower[i]],
            bool(punct[i]),
            sent[i] == 1,
            POS_NAMES[pos[i]],
            idx[i],
            " " if space[i] else "",
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
