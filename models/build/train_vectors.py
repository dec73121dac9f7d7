"""Train floret word vectors on the shared Dutch news text and convert them for spaCy.

Why: the small pipeline has no pretrained vectors available offline; floret vectors
(subword hashing into a fixed number of buckets) give every token, including unseen words,
a vector while keeping the table small enough for a ~25 MB model. Text is tokenised with
spaCy's own Dutch tokenizer so the vector vocabulary matches what the pipeline sees.

Usage: python models/build/train_vectors.py RAW_TXT OUT_DIR [--dim 64] [--bucket 50000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import floret
import spacy


def tokenize(raw: Path, out: Path) -> None:
    """Write one space-separated, spaCy-tokenised paragraph per line."""
    nlp = spacy.blank("nl")
    tmp = out.with_suffix(".part")
    with raw.open(encoding="utf8") as src, tmp.open("w", encoding="utf8") as dst:
        lines = (line.rstrip("\n") for line in src)
        for doc in nlp.tokenizer.pipe(lines, batch_size=1000):
            dst.write(" ".join(t.text for t in doc if not t.is_space) + "\n")
    tmp.rename(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("raw", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--dim", type=int, default=64)
    ap.add_argument("--bucket", type=int, default=50000)
    ap.add_argument("--epoch", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    tok = args.raw.with_suffix(".tok.txt")
    if not tok.exists():
        tokenize(args.raw, tok)
    model = floret.train_unsupervised(
        str(tok),
        model="cbow",
        mode="floret",
        hashCount=2,
        bucket=args.bucket,
        minn=4,
        maxn=5,
        minCount=5,
        dim=args.dim,
        epoch=args.epoch,
        thread=args.threads,
        verbose=1,
    )
    vec_file = args.out / "vectors.floret"
    model.save_floret_vectors(str(vec_file))
    spacy_dir = args.out / "spacy_vectors"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "init",
            "vectors",
            "nl",
            str(vec_file),
            str(spacy_dir),
            "--mode",
            "floret",
        ],
        check=True,
    )
    print("vectors ready in", spacy_dir)


if __name__ == "__main__":
    main()
