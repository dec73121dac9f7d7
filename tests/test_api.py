"""The Python API: ``newsclaims.extract`` on one text, and row types without spaCy."""

from __future__ import annotations

import subprocess
import sys

import pytest

import newsclaims
from newsclaims import api
from tests.conftest import build_tiny_nlp


@pytest.fixture
def tiny_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """``extract`` on the tiny test pipeline instead of the bundled model (fast)."""
    monkeypatch.setattr(api, "_pipeline", lambda model: build_tiny_nlp())


def test_extract_gives_the_rows_of_one_text(tiny_model: None) -> None:
    found = newsclaims.extract(
        "Eric Wiebes zei dat zo'n 300 boeren in Zeeland zijn gestopt.", date="2019-05"
    )
    assert [m.text for m in found.mentions] == ["Eric Wiebes", "Zeeland"]
    claims = [(c.value, c.source, c.date) for c in found.claims]
    assert claims == [(300.0, "Eric Wiebes", "2019-05")]
    assert [(q.kind, q.speaker, q.quote_id) for q in found.quotes] == [
        ("indirect", "Eric Wiebes", "text:q0")
    ]
    frames = found.to_frames()
    assert set(frames) == {"articles", "sentences", "mentions", "claims", "quotes"}
    assert frames["claims"].loc[0, "qualifier"] == "approx"
    assert list(frames["quotes"].columns)[:2] == ["quote_id", "article_id"]


def test_an_empty_text_gives_empty_frames_with_columns(tiny_model: None) -> None:
    frames = newsclaims.extract("").to_frames()
    assert frames["claims"].empty and "value" in frames["claims"].columns


def test_row_types_import_without_spacy() -> None:
    code = "import newsclaims.records, sys; print('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
