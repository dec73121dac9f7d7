from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from spacy.language import Language

from newsclaims.runner import run

DATA = Path(__file__).resolve().parent.parent / "data"


def _table(out: Path, name: str) -> pd.DataFrame:
    return pd.read_json(out / f"{name}.jsonl", lines=True, dtype=False)


def test_example_data_end_to_end(tmp_path: Path, tiny_nlp: Language) -> None:
    stats = run([str(DATA)], tmp_path, language=tiny_nlp)
    articles = _table(tmp_path, "articles")
    rejects = _table(tmp_path, "rejects")
    # nothing is lost: every input record is an article or a reject
    n_inputs = len(list(DATA.glob("*.txt"))) + sum(
        1 for line in (DATA / "voorbeelden.jsonl").open() if line.strip()
    )
    assert len(articles) + len(rejects) == n_inputs == stats.records
    assert "empty body" in rejects.loc[0, "reason"]
    dup = articles.set_index("article_id").loc["voorbeeld-003"]
    assert dup["status"] == "duplicate_of:voorbeeld-002" and dup["n_sentences"] == 0
    # offsets refer to the text in articles.jsonl
    texts = articles.set_index("article_id")["text"]
    mentions = _table(tmp_path, "mentions")
    assert len(mentions) > 0
    for m in mentions.itertuples():
        assert texts[m.article_id][m.start : m.end] == m.text
    sentences = _table(tmp_path, "sentences")
    assert set(sentences["article_id"]) == set(articles.loc[articles.status == "ok", "article_id"])
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["counts"]["records"] == n_inputs
    assert all(len(i["sha256"]) == 64 for i in manifest["inputs"])
    for name in ("claims", "quotes", "entities", "datapackage"):
        assert list(tmp_path.glob(f"{name}.*"))


def test_output_is_deterministic(tmp_path: Path, tiny_nlp: Language) -> None:
    run([str(DATA)], tmp_path / "a", language=tiny_nlp, batch_size=2)
    run([str(DATA)], tmp_path / "b", language=tiny_nlp, batch_size=1, n_process=2)
    for path in sorted((tmp_path / "a").glob("*.*sv")) + sorted((tmp_path / "a").glob("*.jsonl")):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


def test_extractor_crash_becomes_a_reject(
    tmp_path: Path, tiny_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsclaims.components as components

    original = components.extract_quotes

    def flaky(doc, entities):  # type: ignore[no-untyped-def]
        if "Greenpeace" in doc.text:
            raise RuntimeError("boom")
        return original(doc, entities)

    monkeypatch.setattr(components, "extract_quotes", flaky)
    stats = run([str(DATA)], tmp_path, language=tiny_nlp)
    rejects = _table(tmp_path, "rejects")
    expected = "extraction failed in newsclaims_quotes: RuntimeError: boom"
    assert any(expected in r for r in rejects["reason"])
    assert stats.records == stats.articles + stats.rejects


def test_bundled_model_runs_on_examples(tmp_path: Path, bundled_nlp: Language) -> None:
    stats = run([str(DATA)], tmp_path, language=bundled_nlp)
    assert stats.analysed >= 5
    assert _table(tmp_path, "entities").shape[0] > 5


def test_an_article_over_max_length_is_analysed_not_rejected(
    tmp_path: Path, tiny_nlp: Language
) -> None:
    """Above the pipeline's ``max_length`` the text is parsed in pieces, offsets whole-text."""
    paragraph = '"We gaan door met het windpark in Zeeland," zei Eric Wiebes.\n\n'
    body = paragraph * 200  # 12,600 characters
    dump = tmp_path / "lang.jsonl"
    dump.write_text(json.dumps({"id": "lang", "text": body}) + "\n", encoding="utf-8")
    tiny_nlp.max_length = 5000
    stats = run([str(dump)], tmp_path / "out", language=tiny_nlp)
    assert (stats.analysed, stats.rejects) == (1, 0)
    quotes = _table(tmp_path / "out", "quotes")
    assert len(quotes) == 200
    assert all(body[q.start : q.end] == q.text for q in quotes.itertuples())
    assert set(quotes["speaker"]) == {"Eric Wiebes"}


def test_manifest_holds_everything_that_decides_the_output(
    tmp_path: Path, tiny_nlp: Language
) -> None:
    """Options (``--limit``, ``--field``), the language data's hashes and the versions."""
    import platform

    import spacy

    from newsclaims.ingest import FieldMap

    fields = FieldMap().renamed({"text": "article_body"})
    run(str(DATA), str(tmp_path), language=tiny_nlp, limit=3, fields=fields)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    settings = manifest["settings"]
    assert settings["limit"] == 3
    assert settings["fields"]["text"][0] == "article_body"
    assert settings["rebuild"] is False and settings["csv_guard"] is True
    assert manifest["environment"]["spacy"] == spacy.__version__
    assert manifest["environment"]["python"] == platform.python_version()
    hashes = manifest["data_files"]
    assert {"data/aliases.csv", "data/gazetteer.csv", "data/label_map.json"} <= set(hashes)
    assert all(len(h) == 64 for h in hashes.values())
