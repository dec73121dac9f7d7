"""Regression guard on the dev gold: the whole pipeline, as `make eval` runs it.

The bars sit below the measured figures (see the issue notes) so that a retrained model
does not break the build, but far above what a broken extractor would score.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from newsclaims.evaluate import evaluate
from newsclaims.run import run
from tests.conftest import shared_dir


@pytest.fixture(scope="module")
def card(tmp_path_factory: pytest.TempPathFactory, bundled_nlp: Language) -> dict:
    shared = shared_dir()
    out = tmp_path_factory.mktemp("gold")
    stats = run(
        [str(shared / "seeds"), str(shared / "gold" / "nos_dev_articles.jsonl")],
        out,
        language=bundled_nlp,
    )
    assert stats.rejects == 0
    golds = [shared / "gold" / "seeds.jsonl", shared / "gold" / "nos_dev.jsonl"]
    return evaluate(golds, Path(out)).as_dict()


def test_every_gold_article_is_found_and_every_span_located(card: dict) -> None:
    assert card["articles"] == 20 and card["missing_articles"] == []
    assert card["unlocated_gold_spans"] == 0


def test_entities(card: dict) -> None:
    assert card["entities"]["overall"]["f1"] >= 0.65


def test_claims(card: dict) -> None:
    assert card["claims"]["overall"]["f1"] >= 0.9
    fields = card["claims"]["fields"]
    assert fields["value"]["accuracy"] >= 0.95
    assert fields["qualifier"]["accuracy"] >= 0.9
    assert fields["unit"]["accuracy"] >= 0.85
    assert fields["source"]["accuracy"] >= 0.75


def test_quotes(card: dict) -> None:
    kinds = card["quotes"]["by_kind"]
    assert kinds["direct+partial"]["f1"] >= 0.85
    assert kinds["indirect"]["f1"] >= 0.7
    fields = card["quotes"]["fields"]
    assert fields["speaker (direct+partial)"]["accuracy"] >= 0.85
    assert fields["speaker (indirect)"]["accuracy"] >= 0.8
