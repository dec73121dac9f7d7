from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsclaims import cli, nlp

runner = CliRunner()
DATA = Path(__file__).resolve().parent.parent / "data"


def test_help_explains_commands() -> None:
    result = runner.invoke(cli.app, ["--help"])
    assert result.exit_code == 0
    for word in ("run", "evaluate", "bench", "schema"):
        assert word in result.output
    run_help = runner.invoke(cli.app, ["run", "--help"])
    assert "--processes" in run_help.output and "gzip" in run_help.output


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(cli.app, ["run"]).exit_code == 2
    assert runner.invoke(cli.app, ["run", str(tmp_path / "nothing-here")]).exit_code == 2
    bad_field = runner.invoke(cli.app, ["run", str(DATA), "--field", "oops"])
    assert bad_field.exit_code == 2
    assert runner.invoke(cli.app, ["run", str(DATA), "--processes", "0"]).exit_code == 2


def test_missing_model_exits_1(tmp_path: Path) -> None:
    result = runner.invoke(
        cli.app,
        ["run", str(DATA), "--out", str(tmp_path), "--model", "no_such_model_pkg", "--no-progress"],
    )
    assert result.exit_code == 1
    assert "neither a directory nor an installed" in result.output


def test_schema_command_prints_tables() -> None:
    result = runner.invoke(cli.app, ["schema"])
    assert result.exit_code == 0 and "## claims" in result.output


def test_run_and_evaluate_with_a_saved_tiny_model(tmp_path: Path) -> None:
    from tests.conftest import build_tiny_nlp

    model_dir = tmp_path / "tiny"
    language = build_tiny_nlp()
    language.remove_pipe(nlp.LABEL_COMPONENT)
    language.to_disk(model_dir)
    out = tmp_path / "out"
    result = runner.invoke(
        cli.app, ["run", str(DATA), "--out", str(out), "--model", str(model_dir), "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    assert "rejected" in result.output
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "id": "2019-03_noordzee_windpark",
                "entities": [{"name": "Eric Wiebes", "label": "PER", "aliases": ["Wiebes"]}],
                "claims": [],
                "quotes": [],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    scored = runner.invoke(
        cli.app,
        [
            "evaluate",
            "--gold",
            str(gold),
            "--outputs",
            str(out),
            "--json",
            str(tmp_path / "card.json"),
        ],
    )
    assert scored.exit_code == 0, scored.output
    card = json.loads((tmp_path / "card.json").read_text())
    assert card["entities"]["overall"]["recall"] == 1.0


def test_evaluate_without_outputs_exits_1(tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text("{}\n")
    result = runner.invoke(cli.app, ["evaluate", "--gold", str(gold), "--outputs", str(tmp_path)])
    assert result.exit_code == 1


@pytest.mark.parametrize("flag", ["--version"])
def test_version(flag: str) -> None:
    result = runner.invoke(cli.app, [flag])
    assert result.exit_code == 0 and "newsclaims" in result.output


def test_numbers_command_reports_pass_rate(shared: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        cli.app, ["numbers", "--shared", str(shared), "--json", str(tmp_path / "n.json")]
    )
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "n.json").read_text())
    assert data["number_passed"] / data["number_cases"] >= 0.95
