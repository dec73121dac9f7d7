"""Scorecard for the project's Dutch spaCy pipeline (``models/nl_newsclaims_sm``).

Why this exists: the model is trained in-house (``nl_core_news_sm`` cannot be downloaded
here), so every rebuild must be checked against the same held-out data before colleagues
rely on it. The scorecard measures exactly what the extractors depend on:

* NER on CoNLL-2002 Dutch ``ned.testb`` (never trained or tuned on), exact span + label,
  which on gold-tokenised sentences is equivalent to the official ``conlleval`` score;
* tagging, morphology, lemmas, dependencies and sentence boundaries on UD Dutch Alpino
  ``test`` (never trained on);
* throughput of the full pipeline on one process over real news text.

The module is deliberately self-contained (stdlib, spaCy, optionally ``rich``) so it can
run while the rest of ``pipeline`` is being rewritten.
"""

from __future__ import annotations

import os

# "One process" means one core: pin BLAS to a single thread unless the caller chose
# otherwise. Only effective before numpy is first imported (true for `python -m`).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse
import json
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc
from spacy.training import Example
from thinc.api import NumpyOps, get_current_ops, set_current_ops

CONLL_TEST = Path("corpora/conll2002/ned.testb")
UD_TEST = Path("corpora/ud_dutch/Alpino_nl_alpino-ud-test.conllu")
SPEED_TEXT = Path("corpora/news_nl/nos_2019.jsonl")
SPEED_ARTICLES = 500
UD_SENTS_PER_DOC = 10  # same grouping as `spacy convert -n 10` used for training


class SharedDataMissing(FileNotFoundError):
    """Raised when the shared corpora needed for evaluation are not where expected."""


def resolve_shared(shared_dir: Path) -> dict[str, Path]:
    """Locate the three evaluation files; fail early with one clear message.

    Accepts either the shared root (containing ``corpora/``) or ``corpora/`` itself, so
    ``--shared ../shared`` and ``--shared ../shared/corpora`` both work.
    """
    shared_dir = Path(shared_dir)
    root = shared_dir.parent if shared_dir.name == "corpora" else shared_dir
    files = {"conll": root / CONLL_TEST, "ud": root / UD_TEST, "speed": root / SPEED_TEXT}
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        raise SharedDataMissing(
            "shared evaluation data not found: "
            + ", ".join(missing)
            + f"\n(pass --shared pointing at the shared data directory; got {shared_dir})"
        )
    return files


# --------------------------------------------------------------------------- readers


def _repair_iob(tags: list[str]) -> list[str]:
    """Turn an ``I-X`` that does not continue an ``X`` chunk into ``B-X``.

    conlleval treats such a tag as the start of a new chunk; spaCy's Doc constructor
    rejects it, so apply conlleval's reading explicitly.
    """
    fixed: list[str] = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        fixed.append(tag)
        prev = tag
    return fixed


def read_conll2002(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """Yield (words, IOB2 tags) per sentence from a CoNLL-2002 file, skipping -DOCSTART-."""
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts or parts[0] == "-DOCSTART-":
                if words:
                    yield words, _repair_iob(tags)
                words, tags = [], []
                continue
            words.append(parts[0])
            tags.append(parts[-1])
    if words:
        yield words, _repair_iob(tags)


def read_conllu(path: Path) -> Iterator[list[list[str]]]:
    """Yield sentences as lists of the 10 CoNLL-U columns (word lines only).

    Multi-word token ranges (``3-4``) and empty nodes (``5.1``) are skipped: spaCy
    predicts on syntactic words, and Dutch UD has hardly any of either.
    """
    sent: list[list[str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if sent:
                    yield sent
                sent = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            sent.append(cols)
    if sent:
        yield sent


def ud_reference_docs(nlp: Language, path: Path) -> list[Doc]:
    """Build gold Docs from CoNLL-U, ``UD_SENTS_PER_DOC`` sentences per Doc."""
    sents = list(read_conllu(path))
    docs: list[Doc] = []
    for start in range(0, len(sents), UD_SENTS_PER_DOC):
        words: list[str] = []
        spaces: list[bool] = []
        tags: list[str] = []
        pos: list[str] = []
        morphs: list[str] = []
        lemmas: list[str] = []
        heads: list[int] = []
        deps: list[str] = []
        sent_starts: list[bool] = []
        for sent in sents[start : start + UD_SENTS_PER_DOC]:
            offset = len(words)
            for i, cols in enumerate(sent):
                words.append(cols[1])
                spaces.append("SpaceAfter=No" not in cols[9].split("|"))
                lemmas.append(cols[2])
                pos.append(cols[3])
                tags.append(cols[4])
                morphs.append("" if cols[5] == "_" else cols[5])
                head = int(cols[6])
                heads.append(offset + i if head == 0 else offset + head - 1)
                deps.append("ROOT" if cols[7] == "root" else cols[7])
                sent_starts.append(i == 0)
        docs.append(
            Doc(
                nlp.vocab,
                words=words,
                spaces=spaces,
                tags=tags,
                pos=pos,
                morphs=morphs,
                lemmas=lemmas,
                heads=heads,
                deps=deps,
                sent_starts=sent_starts,
            )
        )
    return docs


# --------------------------------------------------------------------------- scoring


def _prf(scores: dict[str, Any], prefix: str) -> dict[str, float]:
    return {k: round(100 * float(scores[f"{prefix}_{k}"] or 0.0), 2) for k in ("p", "r", "f")}


def _annotate(nlp: Language, refs: list[Doc]) -> list[Example]:
    """Run the full pipeline on gold-tokenised copies of ``refs`` and pair them up.

    Gold tokenisation keeps the comparison token-for-token, so the scores measure the
    statistical components rather than tokenizer differences.
    """
    blanks = (
        Doc(nlp.vocab, words=[t.text for t in r], spaces=[bool(t.whitespace_) for t in r])
        for r in refs
    )
    return [Example(pred, ref) for pred, ref in zip(nlp.pipe(blanks), refs, strict=True)]


def evaluate_ner(nlp: Language, path: Path) -> dict[str, Any]:
    """CoNLL-2002 NER: exact span+label P/R/F overall and per label, one Doc per sentence.

    Sentences are given gold tokenisation, so spaCy's ``ents_*`` equal conlleval's
    phrase-level scores.
    """
    refs = [Doc(nlp.vocab, words=w, ents=t) for w, t in read_conll2002(path)]
    examples = _annotate(nlp, refs)
    scores = Scorer(nlp).score(examples)
    per_type = {
        label: {k: round(100 * v, 2) for k, v in vals.items()}
        for label, vals in sorted((scores.get("ents_per_type") or {}).items())
    }
    n_ents = sum(len(eg.reference.ents) for eg in examples)
    return {
        "file": str(path),
        "sentences": len(examples),
        "gold_entities": n_ents,
        **_prf(scores, "ents"),
        "per_label": per_type,
    }


def evaluate_ud(nlp: Language, path: Path) -> dict[str, Any]:
    """UD Alpino test: UPOS, XPOS, morph, lemma, UAS/LAS, sentence F1.

    Reported twice where conventions differ: spaCy's UAS/LAS skip ``punct`` arcs, the
    CoNLL-2018 convention counts every word, so both are given. UD lemmas join compound
    parts with ``_`` (``klooster_orde``) which no lemmatizer reproduces, so lemma accuracy
    is given raw and against gold with ``_`` removed (and, since the Dutch rule lemmatizer
    lowercases everything, also case-insensitively).
    """
    refs = ud_reference_docs(nlp, path)
    examples = _annotate(nlp, refs)
    scores = Scorer(nlp).score(examples)
    n = uas = las = lem_raw = lem_norm = lem_ci = 0
    for eg in examples:
        for pred, gold in zip(eg.predicted, eg.reference, strict=True):
            n += 1
            head_ok = pred.head.i == gold.head.i
            uas += head_ok
            las += head_ok and pred.dep_.lower() == gold.dep_.lower()
            lem_raw += pred.lemma_ == gold.lemma_
            norm = gold.lemma_.replace("_", "")
            lem_norm += pred.lemma_ == norm
            lem_ci += pred.lemma_.lower() == norm.lower()

    def pct(x: float) -> float:
        return round(100 * x, 2)

    return {
        "file": str(path),
        "sentences": sum(1 for r in refs for _ in r.sents),
        "tokens": n,
        "upos": pct(scores.get("pos_acc") or 0.0),
        "xpos": pct(scores.get("tag_acc") or 0.0),
        "morph": pct(scores.get("morph_acc") or 0.0),
        "lemma_raw": pct(lem_raw / n),
        "lemma_no_underscore": pct(lem_norm / n),
        "lemma_no_underscore_caseless": pct(lem_ci / n),
        "uas": pct(scores.get("dep_uas") or 0.0),
        "las": pct(scores.get("dep_las") or 0.0),
        "uas_all_tokens": pct(uas / n),
        "las_all_tokens": pct(las / n),
        "sents_p": pct(scores.get("sents_p") or 0.0),
        "sents_r": pct(scores.get("sents_r") or 0.0),
        "sents_f": pct(scores.get("sents_f") or 0.0),
    }


def _news_texts(path: Path, limit: int) -> list[str]:
    texts: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if len(texts) >= limit:
                break
            text = json.loads(line).get("text") or ""
            if text.strip():
                texts.append(text)
    return texts


def measure_speed(nlp: Language, path: Path, limit: int = SPEED_ARTICLES) -> dict[str, Any]:
    """Words/second of the full pipeline via ``nlp.pipe`` on one process.

    Uses a fixed slice (the first ``limit`` articles) so numbers are comparable between
    model versions; a short warm-up keeps one-off initialisation out of the timing.
    """
    texts = _news_texts(path, limit)
    for _ in nlp.pipe(texts[:5]):
        pass
    words = 0
    start = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=64, n_process=1):
        words += sum(1 for t in doc if not t.is_space)
    seconds = time.perf_counter() - start
    return {
        "file": str(path),
        "articles": len(texts),
        "words": words,
        "seconds": round(seconds, 2),
        "words_per_second": round(words / seconds),
    }


def _dir_size_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6, 2)


def evaluate_model(model: str | Path, shared_dir: Path, speed: bool = True) -> dict[str, Any]:
    """Evaluate a spaCy pipeline on the held-out NER/UD test sets and time it.

    ``model`` is a path or installed package name; ``shared_dir`` is the shared data root
    (``../shared``) or its ``corpora`` folder. Raises ``SharedDataMissing`` if the
    corpora are absent.
    """
    files = resolve_shared(Path(shared_dir))
    nlp = spacy.load(model)
    result: dict[str, Any] = {
        "model": str(model),
        "name": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}",
        "version": nlp.meta.get("version"),
        "pipeline": nlp.pipe_names,
        "spacy_version": spacy.__version__,
    }
    if Path(model).is_dir():
        result["size_mb"] = _dir_size_mb(Path(model))
    if "ner" in nlp.pipe_names:
        result["ner_conll2002_testb"] = evaluate_ner(nlp, files["conll"])
    if "parser" in nlp.pipe_names or "morphologizer" in nlp.pipe_names:
        result["ud_alpino_test"] = evaluate_ud(nlp, files["ud"])
    if speed:
        result["speed"] = measure_speed(nlp, files["speed"])
        result["speed_numpy_blas"] = measure_speed(load_numpy_blas(model), files["speed"])
        result["speed"]["blas_threads"] = os.environ.get("OPENBLAS_NUM_THREADS")
    return result


def load_numpy_blas(model: str | Path) -> Language:
    """Load the pipeline with thinc's NumpyOps routing matrix products to numpy's BLAS.

    Why: thinc's default CPU ops use the bundled ``blis`` kernels, which on this project's
    machines (AMD EPYC, AVX-512) run ~3x slower than numpy's OpenBLAS for the small
    matrices of a CNN pipeline; the models are identical, only the matmul routine differs.
    Ops are bound when the model is built, so they must be set before ``spacy.load``.
    """
    previous = get_current_ops()
    set_current_ops(NumpyOps(use_blis=False))
    try:
        return spacy.load(model)
    finally:
        set_current_ops(previous)


# --------------------------------------------------------------------------- output


def _rows(result: dict[str, Any]) -> Iterable[tuple[str, str, str]]:
    ner = result.get("ner_conll2002_testb")
    if ner:
        yield ("NER ned.testb", "P / R / F", f"{ner['p']:.2f} / {ner['r']:.2f} / {ner['f']:.2f}")
        for label, v in ner["per_label"].items():
            yield ("", f"  {label} P / R / F", f"{v['p']:.2f} / {v['r']:.2f} / {v['f']:.2f}")
    ud = result.get("ud_alpino_test")
    if ud:
        labels = [
            ("upos", "UPOS"),
            ("xpos", "XPOS (tag)"),
            ("morph", "morph"),
            ("lemma_raw", "lemma (raw gold)"),
            ("lemma_no_underscore", "lemma (gold without _)"),
            ("lemma_no_underscore_caseless", "lemma (without _, caseless)"),
            ("uas", "UAS (no punct)"),
            ("las", "LAS (no punct)"),
            ("uas_all_tokens", "UAS (all tokens)"),
            ("las_all_tokens", "LAS (all tokens)"),
            ("sents_f", "sentence F1"),
        ]
        for i, (key, label) in enumerate(labels):
            yield ("UD Alpino test" if i == 0 else "", label, f"{ud[key]:.2f}")
    sp = result.get("speed")
    if sp:
        yield (
            "Speed",
            "words/s, default ops (blis)",
            f"{sp['words_per_second']:,} ({sp['words']:,} words, {sp['seconds']} s)",
        )
    nb = result.get("speed_numpy_blas")
    if nb:
        yield (
            "Speed",
            "words/s, numpy BLAS ops",
            f"{nb['words_per_second']:,} ({nb['words']:,} words, {nb['seconds']} s)",
        )
    if "size_mb" in result:
        yield ("Size", "model directory", f"{result['size_mb']} MB")


def print_scorecard(result: dict[str, Any]) -> None:
    """Print a readable table; uses rich when installed, plain text otherwise."""
    title = f"{result['name']} {result['version']} — {result['model']}"
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:
        print(title)
        for section, metric, value in _rows(result):
            print(f"{section:16} {metric:32} {value}")
        return
    table = Table(title=title)
    table.add_column("data")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for row in _rows(result):
        table.add_row(*row)
    Console().print(table)


def main(argv: list[str] | None = None) -> int:
    """CLI: evaluate, print the scorecard, write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="models/nl_newsclaims_sm")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path("outputs/model_scorecard.json"))
    parser.add_argument("--no-speed", action="store_true", help="skip the speed benchmark")
    args = parser.parse_args(argv)
    try:
        result = evaluate_model(args.model, args.shared, speed=not args.no_speed)
    except SharedDataMissing as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"error: cannot load model {args.model!r}: {err}", file=sys.stderr)
        return 2
    print_scorecard(result)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
