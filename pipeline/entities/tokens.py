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

import numpy as np
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

    A dict subclass whose ``__missing__`` reads the token from spaCy: a cached look-up
    is then a plain dict look-up with no Python call, and the rules make ~400 of them per
    article. ``len()`` is the doc's length, not the number of cached tokens.
    """

    __slots__ = ("_arrays", "_rows", "doc", "has_pos", "n")

    def __init__(self, doc: Doc) -> None:
        super().__init__()
        self.doc = doc
        self.n = len(doc)
        self.has_pos = doc.has_annotation("POS")
        self._arrays: np.ndarray | None = None
        self._rows: list[list[int]] | None = None

    @property
    def arrays(self) -> np.ndarray:
        """Token attributes as columns, read once: ``to_array`` is one C call for the doc,
        where reading a ``Token`` makes an object and crosses into Cython per attribute."""
        if self._arrays is None:
            self._arrays = self.doc.to_array(_COLUMNS)
        return self._arrays

    def ents(self) -> list[tuple[int, int, str]]:
        """``doc.ents`` as (start, end, label) without making ``Span`` objects.

        The same reading of the IOB codes as spaCy's: a B (3) opens an entity, which runs
        over the I (1) tokens after it; a B without a type and unlabelled spans are dropped.
        """
        if not self.n:
            return []
        iob = self.arrays[:, 1]
        types = self.arrays[:, 2]
        opens = np.flatnonzero((iob == 3) & (types != 0))
        if not len(opens):
            return []
        stops = np.flatnonzero(iob != 1)  # the first of these after a B ends its entity
        idx = np.searchsorted(stops, opens, side="right")
        ends = [int(stops[k]) if k < len(stops) else self.n for k in idx.tolist()]
        strings = self.doc.vocab.strings
        return [
            (int(s), e, strings[int(t)])
            for s, e, t in zip(opens.tolist(), ends, types[opens].tolist(), strict=True)
        ]

    def sentence_starts(self) -> list[int]:
        """Token offsets where sentences begin (as ``doc.sents``), or [] if unknown."""
        if not self.n or not self.doc.has_annotation("SENT_START"):
            return []
        starts = np.flatnonzero(self.arrays[1:, 3] == 1) + 1
        return [0, *starts.tolist()]

    def __len__(self) -> int:
        return self.n

    def __missing__(self, i: int) -> Tok:
        if not -self.n <= i < self.n:
            raise IndexError(i)
        if self._rows is None:  # one conversion for the doc, not one per token read
            self._rows = self.arrays.tolist()
        orth, _, _, sent, lower, punct, pos, idx, space = self._rows[i]
        strings = self.doc.vocab.strings
        tok = Tok(
            strings[orth],
            strings[lower],
            bool(punct),
            sent == 1,
            POS_NAMES[pos],
            idx,
            " " if space else "",
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
