"""One table of token attributes per doc, read from spaCy once and shared by the extractors.

Why: the entity rules (``entities.tokens.DocTokens``) and the attribution view
(``attribution.view.ArticleView``, which quotes and claims share) both read the same token
columns. Each ``Doc.to_array`` walks every token in C and each ``StringStore`` look-up
decodes a word again; done once per extractor that was about 4% of the extraction. The
table is built by the first extractor that asks and kept for the doc it was built from (the
components run one doc after the other through ``nlp.pipe``), so the next extractor of the
same doc reuses it.

Only attributes no newsclaims component changes are read here (words, offsets, white space,
punctuation, part of speech, sentence starts, entity IOB): the entity component reads the
IOB columns before anything else runs on the doc, and a doc retokenised since (another
length) gets a new table.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import ENT_IOB, IDX, IS_PUNCT, ORTH, POS, SENT_START, SPACY
from spacy.tokens import Doc

_COLUMNS = [ORTH, IDX, SPACY, IS_PUNCT, POS, SENT_START, ENT_IOB]


@dataclass(frozen=True, slots=True)
class TokenTable:
    """Token attributes of one doc, column by column, as plain Python lists.

    "De minister zei" -> words ["De", "minister", "zei"], idx [0, 3, 12], spaced [1, 1, 0].
    Integer columns hold spaCy's codes: ``orth`` the string hash, ``pos`` the
    part-of-speech id, ``sent_start`` 1 where a sentence starts (``to_array`` is unsigned:
    "no" reads as 2**64 - 1), ``ent_iob`` 0-3 (none, inside, outside, begin). ``words``
    are the texts.
    """

    n: int
    orth: list[int]
    idx: list[int]
    spaced: list[int]
    is_punct: list[int]
    pos: list[int]
    sent_start: list[int]
    ent_iob: list[int]
    words: list[str]
    is_space: list[bool]


def _read(doc: Doc) -> TokenTable:
    n = len(doc)
    if not n:
        return TokenTable(0, *([] for _ in range(len(_COLUMNS) + 2)))
    # One C walk for the doc; ``tolist`` spares numpy's boxing on every later read. Lexical
    # attributes that are a plain function of the word (spaCy's ``is_space`` is
    # ``str.isspace``, its ``lower`` ``str.lower``) are taken from the words in Python,
    # which costs less than one more column of ``to_array``.
    cols = doc.to_array(_COLUMNS).T.tolist()
    words = _words(doc, cols[0])
    return TokenTable(n, *cols, words=words, is_space=list(map(str.isspace, words)))


_TEXT_OF: dict[int, str] = {}  # orth hash -> its string, across docs (bounded below)


def _words(doc: Doc, orths: list[int]) -> list[str]:
    """The texts of ``orths``: a dict look-up per token for words seen before (the news
    repeats its vocabulary), ``StringStore`` (which decodes a new string each time) for the
    rest. A hash stands for the same string in every vocab, so the cache is shared."""
    words = list(map(_TEXT_OF.get, orths))
    if None in words:
        if len(_TEXT_OF) > 100_000:
            _TEXT_OF.clear()
        strings = doc.vocab.strings
        for i, word in enumerate(words):
            if word is None:
                word = words[i] = _TEXT_OF[orths[i]] = strings[orths[i]]
    return words  # type: ignore[return-value]


_LAST: list[tuple[Doc, TokenTable]] = []


def token_table(doc: Doc, *, fresh: bool = False) -> TokenTable:
    """The token table of ``doc``: the one built last if it was for this doc, else (or with
    ``fresh``) a new one, which then becomes the kept one.

    The entity step, the first reader of a pipeline pass, asks for a ``fresh`` table: a doc
    changed after an earlier pass (tags set by hand, say) is then read again, and the
    quotes and claims of that pass share what the entity step read.
    """
    if not fresh and _LAST and _LAST[0][0] is doc and _LAST[0][1].n == len(doc):
        return _LAST[0][1]
    table = _read(doc)
    _LAST[:] = [(doc, table)]
    return table
