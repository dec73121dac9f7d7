"""Prepare training data for the newsclaims Dutch pipeline.

Why: the shared corpora must be read in place, so this script writes every derived
artefact (split CoNLL-U, binary DocBins, raw text for vectors) under build/model/,
which is gitignored. Splits are deterministic (no randomness) so rebuilds are exact.

Usage: python models/build/prepare_data.py SHARED_CORPORA_DIR OUT_DIR
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

# Number of Alpino-dev sentences (from the end) held out as the UD early-stopping dev set.
UD_DEV_SENTS = 150


def read_conllu_sents(path: Path) -> list[str]:
    """Return the sentence blocks of a CoNLL-U file (each with trailing newline)."""
    text = path.read_text(encoding="utf8")
    return [blk.strip("\n") + "\n" for blk in text.split("\n\n") if blk.strip()]


def convert(src: Path, dest: Path, converter: str, n_sents: int) -> None:
    """Run `spacy convert` (same result as the CLI) and store the DocBin as `dest`.

    The CLI names outputs after the input stem, and ned.train/ned.testa/ned.testb share
    the stem "ned", so convert into a scratch dir and rename.
    """
    scratch = dest.parent / f"_convert_{dest.stem}"
    scratch.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable,
        "-m",
        "spacy",
        "convert",
        str(src),
        str(scratch),
        "-c",
        converter,
        "-n",
        str(n_sents),
    ]
    subprocess.run(cmd, check=True)
    (produced,) = list(scratch.glob("*.spacy"))
    produced.replace(dest)
    scratch.rmdir()


def main(corpora: Path, out: Path) -> None:
    ud = corpora / "ud_dutch"
    conll = corpora / "conll2002"
    for p in [ud, conll, corpora / "news_nl"]:
        if not p.is_dir():
            sys.exit(f"missing shared data directory: {p} (set SHARED_DIR)")
    tmp = out / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    # --- UD: train = LassySmall dev+test + Alpino dev (minus tail); dev = Alpino dev tail
    alp_dev = read_conllu_sents(ud / "Alpino_nl_alpino-ud-dev.conllu")
    train_sents = (
        read_conllu_sents(ud / "LassySmall_nl_lassysmall-ud-dev.conllu")
        + read_conllu_sents(ud / "LassySmall_nl_lassysmall-ud-test.conllu")
        + alp_dev[:-UD_DEV_SENTS]
    )
    dev_sents = alp_dev[-UD_DEV_SENTS:]
    (tmp / "ud_train.conllu").write_text("\n".join(train_sents) + "\n", encoding="utf8")
    (tmp / "ud_dev.conllu").write_text("\n".join(dev_sents) + "\n", encoding="utf8")
    corpus = out / "corpus"
    for name in ["ud_train", "ud_dev"]:
        convert(tmp / f"{name}.conllu", corpus / f"{name}.spacy", "conllu", 10)
    # Held-out UD test (evaluation only, never trained on).
    convert(ud / "Alpino_nl_alpino-ud-test.conllu", corpus / "ud_test.spacy", "conllu", 10)
    # --- NER: CoNLL-2002 Dutch, IOB2, grouped 10 sentences per doc.
    for split, name in [
        ("ned.train", "ner_train"),
        ("ned.testa", "ner_dev"),
        ("ned.testb", "ner_test"),
    ]:
        convert(conll / split, corpus / f"{name}.spacy", "ner", 10)
    # --- Raw text for floret vectors: one paragraph per line.
    raw = out / "vectors" / "news_nl.txt"
    raw.parent.mkdir(parents=True, exist_ok=True)
    if not raw.exists():
        with raw.open("w", encoding="utf8") as fh:
            for jf in sorted((corpora / "news_nl").glob("*.jsonl")):
                with jf.open(encoding="utf8") as src:
                    for line in src:
                        text = json.loads(line).get("text") or ""
                        for para in text.split("\n"):
                            para = " ".join(para.split())
                            if para:
                                fh.write(para + "\n")
    # --- Same paragraphs, shuffled (seed 0), as JSONL for `spacy pretrain`: one pass over a
    # prefix must see all sources, not just the first file.
    pre = out / "vectors" / "news_nl_pretrain.jsonl"
    if not pre.exists():
        lines = raw.read_text(encoding="utf8").split("\n")
        if lines and not lines[-1]:
            lines.pop()
        random.Random(0).shuffle(lines)
        with pre.open("w", encoding="utf8") as fh:
            for para in lines:
                fh.write(json.dumps({"text": para}, ensure_ascii=False) + "\n")
    print("prepared data in", out)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
