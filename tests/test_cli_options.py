"""The command line behaves like its peers: one meaning per option, --quiet, --verbose and
--log-file before or after the command, and the log records how each command ended."""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from newsclaims import cli, nlp

DATA = Path(__file__).resolve().parent.parent / "data"
runner = CliRunner()


def _commands() -> dict[str, Any]:
    """The click commands typer builds (typer may bring its own click: no isinstance)."""
    return dict(typer.main.get_command(cli.app).commands)  # type: ignore[attr-defined]


def test_a_short_option_means_the_same_in_every_command() -> None:
    meaning: dict[str, set[str]] = defaultdict(set)
    for command in _commands().values():
        for param in command.params:
            longs = [o for o in param.opts if o.startswith("--")]
            for short in (o for o in param.opts if len(o) == 2 and o.startswith("-")):
                meaning[short].add(longs[0])
    assert meaning["-o"] == {"--out"} and meaning["-p"] == {"--processes"}
    assert {short: longs for short, longs in meaning.items() if len(longs) > 1} == {}


@pytest.mark.parametrize("name", ["run", "evaluate", "sql", "report"])
def test_the_dataset_folder_is_out_everywhere(name: str) -> None:
    opts = {o for p in _commands()[name].params for o in p.opts}
    assert {"--out", "-o"} <= opts


@pytest.mark.parametrize(
    "name",
    sorted(["run", "evaluate", "numbers", "sql", "schema", "report", "bench", "bench-dataset"]),
)
def test_every_command_takes_the_common_options(name: str) -> None:
    opts = {o for p in _commands()[name].params for o in p.opts}
    assert {"--quiet", "-q", "--verbose", "-v", "--log-file"} <= opts


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import build_tiny_nlp

    folder = tmp_path_factory.mktemp("tiny") / "model"
    language = build_tiny_nlp()
    language.remove_pipe(nlp.LABEL_COMPONENT)
    language.to_disk(folder)
    return folder


def _run(tmp_path: Path, model_dir: Path, before: list[str], after: list[str]) -> tuple[int, str]:
    args = [*before, "run", str(DATA), "--out", str(tmp_path / "out"), "-m", str(model_dir)]
    result = runner.invoke(cli.app, [*args, "--no-progress", *after])
    return result.exit_code, result.output


SUMMARY = "records:"  # the summary line of a run ("7 records: 5 analysed, ...")


@pytest.mark.parametrize(
    ("before", "after", "shown", "hidden"),
    [
        ([], [], [SUMMARY, "note: see"], ["debug:"]),
        (["-q"], [], [], [SUMMARY, "note:", "debug:"]),
        ([], ["--quiet"], [], [SUMMARY, "note:", "debug:"]),
        (["-v"], [], [SUMMARY, "debug: model:", "debug: inputs: "], []),
        ([], ["--verbose"], ["debug: model:", "debug: manifest:"], []),
    ],
)
def test_quiet_and_verbose(
    tmp_path: Path,
    model_dir: Path,
    before: list[str],
    after: list[str],
    shown: list[str],
    hidden: list[str],
) -> None:
    code, output = _run(tmp_path, model_dir, before, after)
    assert code == 0, output
    for text in shown:
        assert text in output
    for text in hidden:
        assert text not in output


def test_quiet_keeps_errors(tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["-q", "run", str(tmp_path / "nothing"), "-o", str(tmp_path)])
    assert result.exit_code == cli.EXIT_USAGE and "error:" in result.output


def test_quiet_and_verbose_exclude_each_other(tmp_path: Path, model_dir: Path) -> None:
    code, output = _run(tmp_path, model_dir, ["-q"], ["-v"])
    assert code == cli.EXIT_USAGE and "exclude each other" in output


def test_log_file_holds_every_level_even_when_quiet(tmp_path: Path, model_dir: Path) -> None:
    log = tmp_path / "run.log"
    code, output = _run(tmp_path, model_dir, ["-q", "--log-file", str(log)], [])
    assert code == 0 and SUMMARY not in output
    lines = log.read_text(encoding="utf-8").splitlines()
    assert "newsclaims run" in lines[0] and f"out_dir={tmp_path / 'out'}" in lines[0]
    assert any(" INFO " in line and SUMMARY in line for line in lines)
    assert any(" NOTE " in line and "rejects" in line for line in lines)
    assert any(" DEBUG " in line and "model:" in line for line in lines)
    assert all(line[:4].isdigit() and "T" in line[:20] for line in lines)  # ISO time stamps


def test_the_log_records_the_exit_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "cmd.log"
    monkeypatch.setattr(
        sys, "argv", ["newsclaims", "--log-file", str(log), "sql", "SELECT 1", "-o", str(tmp_path)]
    )
    with pytest.raises(SystemExit) as ended:
        cli.main()
    assert ended.value.code == cli.EXIT_USAGE  # no dataset in tmp_path
    lines = log.read_text(encoding="utf-8").splitlines()
    assert " ERROR " in lines[-2] and lines[-1].endswith(f"exit {cli.EXIT_USAGE}")


def test_evaluate_still_accepts_the_old_outputs_name(tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text("{}\n")
    for flag in ("--outputs", "--out", "-o"):
        result = runner.invoke(cli.app, ["evaluate", "--gold", str(gold), flag, str(tmp_path)])
        assert result.exit_code == cli.EXIT_FAILED and "cannot evaluate" in result.output
