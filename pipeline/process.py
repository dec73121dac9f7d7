"""The analysis of records: records in, one ``Extraction`` (or the record itself, or a
reject) out.

The extractors are spaCy components inside the pipeline (``newsclaims.components``), so
they run wherever ``nlp.pipe`` runs them: in the worker processes with ``--processes N``
(``newsclaims.analysis``), which send back an ``Analysis`` per text; this stage stamps it
with the article's ids and date into typed rows of that article.

Rejects and duplicates travel through the analysis as empty texts alongside the real
articles, and their records wait here in input order, so every record comes out in input
order whatever the batch size or number of processes: output is deterministic for the
same input and model. Texts longer than the pipeline's ``max_length`` travel as empty texts
too, and are analysed afterwards in pieces cut at paragraph breaks (``long_doc``), with
offsets relative to the whole text.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from newsclaims import components, nlp
from newsclaims.analysis import Analysis, analyse, analysis_of
from newsclaims.entities import ArticleEntities
from newsclaims.records import Article, Claim, Mention, Quote, Reject, Sentence
from newsclaims.rows import stamp_claim, stamp_mention, stamp_quote, stamped

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


def extraction_from(found: Doc | Analysis, article: Article) -> Extraction:
    """Rows of one article: ids and the date stamped on what a doc (or its analysis) holds."""
    if isinstance(found, Doc):
        found = analysis_of(found)
    aid = article.article_id
    sentences = [Sentence(aid, i, start, end) for i, (start, end) in enumerate(found.sentences)]
    counted = stamped(article, n_sentences=len(sentences), n_tokens=found.n_tokens)
    return Extraction(
        counted,
        sentences,
        found.entities,
        [stamp_quote(q, article) for q in found.quotes],
        [stamp_claim(c, article) for c in found.claims],
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
    waiting: deque[Article | Reject] = deque()

    def texts() -> Iterator[str]:
        for record in records:
            analysed = isinstance(record, Article) and record.analysed
            waiting.append(record)
            yield record.text if analysed and len(record.text) < language.max_length else ""

    for found in analyse(language, texts(), n_process=n_process, batch_size=batch_size):
        record = waiting.popleft()
        if isinstance(record, Reject) or not record.analysed:
            yield record
            continue
        if len(record.text) >= language.max_length:
            try:
                found = analysis_of(long_doc(language, record.text))
            except Exception as exc:  # one bad article must not stop a run of millions
                yield _reject(record, f"over-long text could not be analysed: {exc}")
                continue
        if found.errors:
            yield _reject(record, "; ".join(found.errors))
            continue
        try:
            yield extraction_from(found, record)
        except Exception as exc:  # rows that cannot be made are one reject, not a lost run
            yield _reject(record, f"rows could not be made: {type(exc).__name__}: {exc}")
