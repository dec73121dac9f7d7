"""Command line: ``newsclaims run``, ``sql``, ``schema``, ``report``, ``compact``, ``evaluate``,
``numbers``, ``bench`` and ``bench-dataset``.

Only this package knows about arguments, exit codes and the terminal; a module per group
of commands, what they share in ``common``. The same option means the same everywhere:
``-o/--out`` the dataset folder, ``-m/--model`` the spaCy pipeline, ``-p/--processes``
worker processes, ``--json`` a results file, and ``-q/--quiet``, ``-v/--verbose``,
``--log-file`` before or after any command.

Exit codes (README): 0 success; 1 the run or evaluation failed (also: disk full, model
missing); 2 usage error (bad options, no inputs); 3 the run finished but no record could
be analysed; 4 the output folder is in use by another run; 130 interrupted (SIGINT); 143
terminated (SIGTERM).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsclaims import __version__
from newsclaims.cli import bench_cmd, data_cmd, eval_cmd, run_cmd
from newsclaims.cli.common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_LOCKED,
    EXIT_NOTHING_ANALYSED,
    EXIT_OK,
    EXIT_TERMINATED,
    EXIT_USAGE,
    LogFileOpt,
    QuietOpt,
    VerboseOpt,
    app,
    configure,
    log,
    out,
)

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_LOCKED",
    "EXIT_NOTHING_ANALYSED",
    "EXIT_OK",
    "EXIT_TERMINATED",
    "EXIT_USAGE",
    "app",
    "main",
]
_COMMANDS = (bench_cmd, data_cmd, eval_cmd, run_cmd)  # importing them registers the commands


def _version(value: bool) -> None:
    if value:
        out.print(f"newsclaims {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    log_file: LogFileOpt = None,
) -> None:
    """Dutch news articles in, entity, claim and quote tables out."""
    configure(quiet, verbose, log_file, fresh=True)


def main() -> None:
    """Console entry point; typer turns usage errors into exit code 2. The exit code also
    goes to the log file, so that a log shows how each command ended."""
    try:
        app()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        log("info", f"exit {code}")
        raise


_ = Path  # the annotations above are strings (PEP 563); Path is named in LogFileOpt
