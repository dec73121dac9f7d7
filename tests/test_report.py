"""``newsclaims report`` on the example data: reading the tables, the page, the command line.

The dataset is ``data/`` run through the tiny test pipeline (conftest), so these tests are
fast and need no model; the browser test is in test_report_browser.py.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from newsclaims import runner as run_module
from newsclaims.cli import app
from newsclaims.report import data
from tests.conftest import ROOT, build_tiny_nlp

if os.environ.get("CI") != "true":
    pytest.importorskip("matplotlib", reason="the report extra is not installed")


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "out"
    run_module.run([str(ROOT / "data")], out, language=build_tiny_nlp())
    return out


def test_load_tables_reads_every_table_with_its_columns(dataset: Path) -> None:
    tables = data.load_tables(dataset)
    assert set(tables) == set(data.TABLES)
    assert len(tables["articles"]) == 6 and len(tables["rejects"]) == 1
    assert "text" not in tables["articles"]  # the bodies are never loaded
    assert {"value", "low", "high", "qualifier", "unit", "source"} <= set(tables["claims"])
    assert tables["claims"]["value"].dtype.kind == "f"
    assert tables["mentions"]["start"].dtype.kind == "i"
    assert all(
        isinstance(w, list | tuple) or hasattr(w, "__len__") for w in tables["articles"]["warnings"]
    )


def test_load_tables_from_parquet_matches_the_store(dataset: Path, tmp_path: Path) -> None:
    parquet_only = tmp_path / "parquet"
    shutil.copytree(dataset, parquet_only)
    (parquet_only / "newsclaims.duckdb").unlink()
    a, b = data.load_tables(dataset), data.load_tables(parquet_only)
    assert len(a["claims"]) > 0 and len(a["quotes"]) > 0
    for name in data.TABLES:
        pd.testing.assert_frame_equal(a[name], b[name])


def test_load_tables_without_a_dataset(tmp_path: Path) -> None:
    with pytest.raises(data.DatasetError):
        data.load_tables(tmp_path)
    assert data.load_manifest(tmp_path) == {}


def test_report_page_is_self_contained_and_shows_every_part(dataset: Path, tmp_path: Path) -> None:
    from newsclaims.report.render import Options, build_report

    made = build_report(dataset, tmp_path / "r.html", Options(units=["mens", "vogel"]))
    page = made.path.read_text(encoding="utf-8")
    assert made.bytes == made.path.stat().st_size and made.units == ["mens", "vogel"]
    # offline: nothing is fetched at view time
    for fetch in (
        r"<script",
        r"<link\b",
        r"<image\b",
        r"\ssrc=",
        r"url\((?!#)",
        r"<use[^>]+href=\"(?!#)",
    ):
        assert not re.search(fetch, page), fetch
    charts = re.findall(r'<figure class="chart" data-chart="([^"]+)"', page)
    assert charts[:2] == ["claims-0", "claims-1"]
    assert {"speakers-PER", "speakers-ORG", "pairs", "sources", "months", "rejects"} <= set(charts)
    assert page.count("<svg") == len(charts)  # every chart is drawn, inline
    assert "mens, vogel (chosen with --unit)" in page  # the filters, at the top
    assert page.index('id="filters"') < page.index('id="claims"')
    assert "tussen de 400 en 500 mensen" in page and "400–500" in page  # a range, in the table
    assert "empty body (no text)" in page  # the reject reason
    assert len(set(re.findall(r'\sid="([^"]+)"', page))) == len(re.findall(r'\sid="', page))


def test_report_escapes_the_dataset(dataset: Path, tmp_path: Path) -> None:
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from newsclaims.report.render import render

    hostile = tmp_path / "hostile"
    shutil.copytree(dataset, hostile)
    changed = 0
    for part in (hostile / "newsclaims.parts" / "claims").glob("run-*.parquet"):
        rows = pq.read_table(part)  # a claim's text rewritten in the stored part itself
        found = pc.equal(rows["text"], "tussen de 400 en 500 mensen")
        changed += pc.sum(found).as_py() or 0
        script = pc.if_else(found, "<script>alert(1)</script>", rows["text"])
        pq.write_table(rows.set_column(rows.schema.get_field_index("text"), "text", script), part)
    assert changed == 1
    page, _ = render(hostile)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_cli_report_writes_the_page(dataset: Path, tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    result = CliRunner().invoke(
        app, ["report", "--out", str(dataset), "--html", str(target), "--unit", "vogel"]
    )
    assert result.exit_code == 0, result.output
    assert target.is_file() and "vogel" in result.output and "KiB" in result.output


def test_cli_report_without_a_dataset_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "newsclaims run" in result.output and "first" in result.output


def test_cli_report_says_how_to_install_the_chart_library(
    dataset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsclaims.report

    monkeypatch.setattr(newsclaims.report, "missing_dependency", lambda: "matplotlib")
    result = CliRunner().invoke(app, ["report", "--out", str(dataset)])
    assert result.exit_code == 2
    assert "pip install 'newsclaims[report]'" in result.output


def test_numbers_in_the_tables_read_plainly() -> None:
    from newsclaims.report.render import _num

    got = [_num(v) for v in (1_200_000.0, 1 / 3, 1234.5, 20, None, float("nan"))]
    assert got == ["1,200,000", "0.33", "1,234.5", "20", "", ""]


def test_report_of_a_run_that_analysed_nothing(tmp_path: Path) -> None:
    from newsclaims.report.render import build_report

    dump = tmp_path / "in.jsonl"
    dump.write_text('{"id": "x", "text": ""}\n', encoding="utf-8")
    run_module.run([str(dump)], tmp_path / "out", language=build_tiny_nlp())
    made = build_report(tmp_path / "out")
    page = made.path.read_text(encoding="utf-8")
    assert made.units == [] and "The dataset holds no claims with a unit." in page
    assert "empty body (no text)" in page and page.count("<svg") == 7
