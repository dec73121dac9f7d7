#!/usr/bin/env bash
# Rebuild models/nl_newsclaims_sm from the shared corpora, end to end:
#   convert -> floret vectors -> [UD half] || [pretrain NER tok2vec -> NER half] -> assemble.
# Why one script: the model must be reproducible by anyone from ../shared alone.
# Seeds are fixed (spaCy seed 0, floret 1 thread, shuffles with seed 0); takes ~1.5 h on
# 2 CPU cores. At most two training processes run at once, niced.
#
# Usage (from anywhere):  bash models/build/train.sh
# Env: SHARED_DIR (default ../shared, relative to the project root)
#      PYTHON     (default .venv/bin/python if present, else python)
#      BUILD_DIR  (default build/model; all intermediate artefacts go here)
#      NO_VECTORS=1   train without static vectors (for comparison only)
#      NO_PRETRAIN=1  train the NER from scratch instead of from the pretrained tok2vec
set -euo pipefail
cd "$(dirname "$0")/../.."

SHARED_DIR="${SHARED_DIR:-../shared}"
BUILD_DIR="${BUILD_DIR:-build/model}"
if [[ -z "${PYTHON:-}" ]]; then
  if [[ -x .venv/bin/python ]]; then PYTHON=.venv/bin/python; else PYTHON=python; fi
fi
CORPORA="$SHARED_DIR/corpora"
[[ -d "$CORPORA" ]] || { echo "error: shared corpora not found at $CORPORA (set SHARED_DIR)" >&2; exit 2; }

# One BLAS thread per training process; at most two trainings run at once.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
NICE="nice -n 5"
CFG=models/build
C="$BUILD_DIR/corpus"
R="$BUILD_DIR/runs"
mkdir -p "$R"

echo "== 1. convert corpora"
$PYTHON $CFG/prepare_data.py "$CORPORA" "$BUILD_DIR"

VEC="$BUILD_DIR/vectors/spacy_vectors"
UD_ARGS=()
NER_ARGS=()
if [[ "${NO_VECTORS:-0}" == "1" ]]; then
  UD_ARGS=(--components.tok2vec.model.embed.include_static_vectors false)
  NER_ARGS=(--components.ner.model.tok2vec.embed.include_static_vectors false)
  NO_PRETRAIN=1
else
  echo "== 2. floret vectors (dim 64, 50k buckets)"
  if [[ ! -d "$VEC" ]]; then
    # 1 thread: floret is not deterministic with several threads.
    $NICE $PYTHON $CFG/train_vectors.py "$BUILD_DIR/vectors/news_nl.txt" "$BUILD_DIR/vectors" \
      --dim 64 --bucket 50000 --epoch 5 --threads 1
  fi
  UD_ARGS=(--paths.vectors "$VEC")
  NER_ARGS=("${UD_ARGS[@]}")
fi
NER_DATA=(--paths.train "$C/ner_train.spacy" --paths.dev "$C/ner_dev.spacy")

echo "== 3a. train UD half (tok2vec, morphologizer, tagger, parser) in the background"
$NICE $PYTHON -m spacy train $CFG/ud.cfg -o "$R/ud_final" \
  --paths.train "$C/ud_train.spacy" --paths.dev "$C/ud_dev.spacy" "${UD_ARGS[@]}" \
  > "$R/ud_final.log" 2>&1 &
UD_PID=$!

echo "== 3b. NER half (log: $R/ner_final.log)"
if [[ "${NO_PRETRAIN:-0}" == "1" ]]; then
  $NICE $PYTHON -m spacy train $CFG/ner.cfg -o "$R/ner_final" "${NER_DATA[@]}" "${NER_ARGS[@]}" \
    > "$R/ner_final.log" 2>&1
else
  rm -rf "$R/pretrain"
  $NICE $PYTHON -m spacy pretrain $CFG/pretrain_tok2vec.cfg "$R/pretrain" \
    --paths.vectors "$VEC" --paths.raw_text "$BUILD_DIR/vectors/news_nl_pretrain.jsonl" \
    > "$R/pretrain.log" 2>&1
  rm -rf "$R/ner_base"
  $NICE $PYTHON $CFG/init_ner_from_pretrained.py "$R/pretrain/model0.bin" "$R/ner_base" \
    "${NER_DATA[@]}" "${NER_ARGS[@]}"
  $NICE $PYTHON -m spacy train $CFG/ner_resume.cfg -o "$R/ner_final" "${NER_DATA[@]}" \
    "${NER_ARGS[@]}" --paths.ner_base "$R/ner_base" > "$R/ner_final.log" 2>&1
fi
wait $UD_PID || { echo "UD training failed, see $R/ud_final.log" >&2; exit 1; }

echo "== 4. assemble models/nl_newsclaims_sm (built beside it, then swapped in)"
$PYTHON $CFG/assemble.py "$R/ud_final/model-best" "$R/ner_final/model-best" models/nl_newsclaims_sm
echo "done. Scorecard: $PYTHON -m newsclaims.modeleval --model models/nl_newsclaims_sm --shared $SHARED_DIR --out outputs/model_scorecard.json"
