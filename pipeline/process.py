"""The analysis: records in, one ``Extraction`` (or the record itself, or a reject) out.

The extractors are spaCy components inside the pipeline (``newsclaims.components``), so
they run wherever ``nlp.pipe`` runs them: in the worker processes with ``--processes N``.
What comes back is a ``Doc`` whose ``doc._`` holds the article's entities, quotes and
claims; this stage turns it into typed rows of that article.

Rejects and duplicates travel through ``nlp.pipe`` as empty texts alongside the real
articles, so every record comes out in input order whatever the batch size or number of
processes: output is deterministic for the same input and model. Texts longer than the
pipeline's ``max_length`` travel as empty texts too, and are analysed afterwards in pieces
cut at paragraph breaks (``long_doc``), with offsets relative to the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from newsclaims import components, nlp
from newsclaims.entities import ArticleEntities
from newsclaims.records import Article, Claim, Mention, Quote, Reject, Sentence
from newsclaims.rows import stamp_claim, stamp_mention, stamp_quote

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_SENTENCE_END = re.compile(r"[.!?]\s+")


@dataclass(frozen=True)
class Extraction:
    """Everything found in one analysed article, as rows of that article."""

    article: Article
    sentences: list[Sentence]
    entities: ArticleEntities
    quotes: list[Quote]
    claims: list[Claim]

    @property
    def mentions(self) -> list[Mention]:
        return [stamp_mention(m, self.article) for m in self.entities.mentions]


def extraction_from(doc: Doc, article: Article) -> Extraction:
    """Rows of one article from a doc the extractor components have run over."""
    sentences = (
        [Sentence(article.article_id, i, s.start_char, s.end_char) for i, s in enumerate(doc.sents)]
        if doc.has_annotation("SENT_START")
        else [Sentence(article.article_id, 0, 0, len(doc.text))]
    )
    counted = replace(
        article,
        n_sentences=len(sentences),
        n_tokens=len(doc) - int(doc.to_array(IS_SPACE).sum()) if len(doc) else 0,
    )
    return Extraction(
        counted,
        sentences,
        components.entities_of(doc),
        [stamp_quote(q, article) for q in components.quotes_of(doc)],
        [stamp_claim(c, article) for c in components.claims_of(doc)],
    )


def pieces(text: str, limit: int) -> list[str]:
    """Cut a text into pieces shorter than ``limit`` that concatenate back to it exactly.

    Cuts go after a paragraph break where one is in reach, else after a sentence end, else
    at the limit; each piece keeps its trailing white space, so offsets stay valid.
    """
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in (_PARAGRAPH_BREAK, _SENTENCE_END):
            ends = [m.end() for m in pattern.finditer(window) if m.end() < limit]
            if ends and ends[-1] > limit // 4:
                cut = ends[-1]
                break
        cut = cut or limit
        out.append(text[start : start + cut])
        start += cut
    out.append(text[start:])
    return [p for p in out if p]


def long_doc(language: Language, text: str) -> Doc:
    """Analyse a text over ``max_length``: parse it in pieces, join them, then extract.

    The pieces go through every component but the extractors; the joined doc (same text,
    same offsets) then goes through the extractors, so quotes and claims see the article
    whole.
    """
    limit = max(1000, language.max_length // 2)
    before = [(n, p) for n, p in language.pipeline if n not in components.EXTRACTORS]
    extractors = [(n, p) for n, p in language.pipeline if n in components.EXTRACTORS]
    docs = []
    for piece in pieces(text, limit):
        doc = language.make_doc(piece)
        for _, proc in before:
            doc = proc(doc)
        docs.append(doc)
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:  # never expected; a reject beats wrong offsets
        raise ValueError("pieces of an over-long text did not join back to the text")
    for _, proc in extractors:
        doc = proc(doc)
    return doc


def _stream(
    records: Iterable[Article | Reject], max_length: int
) -> Iterator[tuple[str, Article | Reject]]:
    for record in records:
        analysed = isinstance(record, Article) and record.analysed
        text = record.text if analysed and len(record.text) < max_length else ""
        yield text, record


def _reject(article: Article, reason: str) -> Reject:
    return Reject(article.source, article.record, reason, article.article_id)


def process(
    records: Iterable[Article | Reject],
    language: Language,
    *,
    n_process: int = 1,
    batch_size: int = 64,
) -> Iterator[Extraction | Article | Reject]:
    """Parse and extract, in input order: an ``Extraction`` per analysed article, the
    duplicate ``Article`` as is, and a ``Reject`` for bad records and failed extractions."""
    nlp.prepare(language)
    stream = _stream(records, language.max_length)
    for doc, record in nlp.pipe(language, stream, batch_size=batch_size, n_process=n_process):
        if isinstance(record, Reject) or not record.analysed:
            yield record
            continue
        if len(record.text) >= language.max_length:
            try:
                doc = long_doc(language, record.text)
            except Exception as exc:  # one bad article must not stop a run of millions
                yield _reject(record, f"over-long text could not be analysed: {exc}")
                continue
        errors = components.errors_of(doc)
        if errors:
            yield _reject(record, "; ".join(errors))
            continue
        try:
            yield extraction_from(doc, record)
        except Exception as exc:  # rows that cannot be made are one reject, not a lost run
            yield _reject(record, f"rows could not be made: {type(exc).__name__}: {exc}")
