"""Measure: the share of sentences that run across a paragraph or heading break, with and
without the paragraph step (``newsclaims.paragraphs``), on the same texts and model.

    python -m newsclaims.bench_paragraphs CORPUS.jsonl --limit 1000 [--model M] [--json F]

A sentence spans a break when a token inside it (not its first) follows a blank line, or
a line break after a line without final punctuation before a capital (``break_before``):
exactly what the paragraph step marks, so "after" is 0 unless the parser undoes a preset
start. Run by ``make eval``; never by a unit test (it parses the corpus twice).
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from newsclaims import nlp
from newsclaims.ingest import read_articles
from newsclaims.paragraphs import PARAGRAPHS, break_before
from newsclaims.records import Article


def spanning(doc: Doc) -> tuple[int, int]:
    """(sentences, sentences that hold a break after their first token) of one doc."""
    total = crossing = 0
    for sent in doc.sents:
        total += 1
        if any(break_before(doc, i) for i in range(sent.start + 1, sent.end)):
            crossing += 1
    return total, crossing


def measure(corpus: Path, limit: int, model: str | None = None) -> dict[str, Any]:
    """Both shares on the first ``limit`` analysable articles of ``corpus``."""
    texts = [
        a.text
        for a in islice(
            (r for r in read_articles([corpus]) if isinstance(r, Article) and r.analysed), limit
        )
    ]
    language = nlp.load(model, extract=False)
    result: dict[str, Any] = {"corpus": str(corpus), "articles": len(texts)}
    for name, disabled in (("without_step", [PARAGRAPHS]), ("with_step", [])):
        total = crossing = 0
        with language.select_pipes(disable=disabled):
            for doc in language.pipe(texts, batch_size=64):
                t, c = spanning(doc)
                total, crossing = total + t, crossing + c
        result[name] = {
            "sentences": total,
            "spanning_a_break": crossing,
            "share": round(crossing / total, 4) if total else 0.0,
        }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    result = measure(args.corpus, args.limit, args.model)
    for name in ("without_step", "with_step"):
        r = result[name]
        print(
            f"{name.replace('_', ' '):13s} {r['spanning_a_break']:5d} of {r['sentences']:6d} "
            f"sentences span a paragraph break ({r['share']:.1%}), {result['articles']} articles"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
