# newsclaims — every target installs what it needs into .venv first.
# Set-up on a fresh machine: `make run` then `make test` (see README.md).

PYTHON  ?= python3
VENV    ?= .venv
PY      := $(VENV)/bin/python
SHARED  ?= ../shared
OUT     ?= outputs
EVAL_OUT ?= build/eval
BENCH_LIMIT ?= 500
BENCH_REPEAT ?= 3
BENCH_STORE_SRC ?= build/bench_store/nos5000
STAMP   := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run test lint eval bench bench-dataset bench-store model model-eval clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(STAMP)  ## Create .venv and install newsclaims with its dependencies

run: $(STAMP)  ## Process the example articles in data/ into outputs/
	$(VENV)/bin/newsclaims run data/ --out $(OUT)

.PHONY: report
report: $(STAMP)  ## One offline HTML page of the tables in OUT (outputs/) at OUT/report.html; UNIT=strijder
	$(VENV)/bin/newsclaims report --out $(OUT) $(if $(UNIT),--unit $(UNIT))

lint: $(STAMP)  ## ruff over the code and tests
	$(VENV)/bin/ruff check pipeline tests

test: $(STAMP) lint  ## Lint and run the unit tests (fast; no training, no benchmarks)
	$(PY) -m pytest

eval: $(STAMP)  ## Scorecards: old dev (seeds+NOS) and broad dev gold side by side, number-parser specs, model
	$(VENV)/bin/newsclaims run $(SHARED)/seeds $(SHARED)/gold/nos_dev_articles.jsonl --out $(EVAL_OUT)/dev --no-progress
	$(VENV)/bin/newsclaims run $(SHARED)/gold/broad_dev_articles.jsonl --out $(EVAL_OUT)/broad --no-progress
	$(VENV)/bin/newsclaims evaluate --gold $(SHARED)/gold/seeds.jsonl --gold $(SHARED)/gold/nos_dev.jsonl --out $(EVAL_OUT)/dev --json $(EVAL_OUT)/scorecard_dev.json --errors-out $(EVAL_OUT)/errors_dev.md
	$(VENV)/bin/newsclaims evaluate --gold $(SHARED)/gold/broad_dev.jsonl --out $(EVAL_OUT)/broad --json $(EVAL_OUT)/scorecard_broad.json --errors-out $(EVAL_OUT)/errors_broad.md
	$(PY) -m newsclaims.eval_report dev=$(EVAL_OUT)/scorecard_dev.json broad=$(EVAL_OUT)/scorecard_broad.json --md $(EVAL_OUT)/scorecards.md
	$(VENV)/bin/newsclaims numbers --shared $(SHARED) --json $(EVAL_OUT)/numbers_scorecard.json
	$(PY) -m newsclaims.modeleval --model models/nl_newsclaims_sm --shared $(SHARED) --out $(EVAL_OUT)/model_scorecard.json
	$(PY) -m newsclaims.bench_paragraphs $(SHARED)/corpora/news_nl/nos_2019.jsonl --limit 1000 --json $(EVAL_OUT)/paragraphs.json

bench: $(STAMP)  ## Words per second end to end vs raw spaCy, plus peak memory
	$(VENV)/bin/newsclaims bench $(SHARED)/corpora/news_nl/nos_2019.jsonl --limit $(BENCH_LIMIT) --repeat $(BENCH_REPEAT) -p 1 -p 2 --json $(EVAL_OUT)/bench.json

bench-dataset: $(STAMP)  ## Incremental runs: unchanged 1,000 re-run vs first run; +500 to 5,000 vs fresh (~30 min)
	$(VENV)/bin/newsclaims bench-dataset $(SHARED)/corpora/news_nl/nos_2019.jsonl --work build/bench_dataset --json $(EVAL_OUT)/bench_dataset.json

bench-store: $(STAMP)  ## End of a run over 100,000 articles (5,000 NOS stored once, copied 20 times): time and peak memory of catalog, exports, commit
	test -f $(BENCH_STORE_SRC)/newsclaims.duckdb || $(VENV)/bin/newsclaims run $(SHARED)/corpora/news_nl/nos_2019.jsonl --limit 5000 -p 2 --no-progress --out $(BENCH_STORE_SRC)
	$(PY) -m newsclaims.bench_store $(BENCH_STORE_SRC) --copies 20 --json $(EVAL_OUT)/bench_store.json

model: $(STAMP)  ## Retrain the bundled Dutch pipeline from ../shared/corpora (hours; not needed to run)
	$(PY) -m pip install --quiet -e '.[dev,model]'
	SHARED_DIR=$(SHARED) PYTHON=$(abspath $(PY)) bash models/build/train.sh

model-eval: $(STAMP)  ## Scorecard of the bundled model: CoNLL-2002 NER, UD Alpino, words/s
	$(PY) -m newsclaims.modeleval --model models/nl_newsclaims_sm --shared $(SHARED) --out $(EVAL_OUT)/model_scorecard.json

clean:  ## Remove outputs, build artefacts and the virtualenv
	rm -rf $(VENV) build .pytest_cache .ruff_cache .hypothesis *.egg-info
	find $(OUT) -mindepth 1 ! -name .gitkeep -delete 2>/dev/null || true
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
