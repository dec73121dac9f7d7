"""What every command shares: the app, exit codes, consoles, messages and common options.

Messages go to stderr unwrapped, one line each, so that logs can be searched by line.
``--quiet`` keeps only errors on stderr (results on stdout are never held back),
``--verbose`` adds ``debug`` lines (model, inputs, timings), and ``--log-file`` appends
every message of every level, with a UTC time stamp, to a file, whatever the terminal
shows. The three are accepted before the command (``newsclaims -q run ...``) and after it
(``newsclaims run ... -q``), as pip and git users expect.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from newsclaims.nlp import MODEL_ENV_VAR

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_NOTHING_ANALYSED, EXIT_LOCKED = 0, 1, 2, 3, 4
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143

app = typer.Typer(
    name="newsclaims",
    help=(
        "Dutch news articles in, clean tables out: named entities, numeric claims "
        "(value, bounds, hedge, what is counted, who says so) and quotes (with speakers).\n\n"
        "Typical use:  newsclaims run data/ --out outputs/   then look at outputs/SCHEMA.md."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)
out = Console()

# --- options that mean the same in every command -----------------------------------------

ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        help=f"spaCy pipeline: an installed package name (e.g. nl_core_news_sm) or a path. "
        f"Default: ${MODEL_ENV_VAR}, else the bundled model in models/.",
    ),
]
JsonOpt = Annotated[Path | None, typer.Option("--json", help="Also write the results here.")]
ProcessesOpt = Annotated[
    int,
    typer.Option(
        "--processes",
        "-p",
        min=1,
        help="Worker processes that parse and extract, forked once the model is loaded "
        "(1: all in this process).",
    ),
]


def out_option(help_text: str) -> Any:
    """``--out/-o``: the dataset folder, in every command that reads or writes one."""
    return typer.Option("--out", "-o", help=help_text)


# --- messages --------------------------------------------------------------------------------

LEVELS = {"debug": 10, "info": 20, "note": 30, "warning": 30, "error": 40}
_STYLE = {"debug": "dim", "note": "yellow", "warning": "yellow", "error": "red"}


@dataclass
class Verbosity:
    """How much the terminal shows, and where the log file is (set by the common options)."""

    level: int = LEVELS["info"]
    log_file: Path | None = None

    @property
    def quiet(self) -> bool:
        return self.level > LEVELS["warning"]


SETTINGS = Verbosity()


def say(level: str, message: str) -> None:
    """One unwrapped stderr line (``info``: no prefix); the message is never read as rich
    markup. Every level also goes to the log file when there is one."""
    if LEVELS[level] >= SETTINGS.level:
        if level in _STYLE:
            err.print(f"[{_STYLE[level]}]{level}:[/] ", end="")
        err.print(message, markup=False, highlight=False)
    log(level, message)


def log(level: str, message: str) -> None:
    """Append one line to the log file (if any): time, level, message."""
    if SETTINGS.log_file is None:
        return
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        with SETTINGS.log_file.open("a", encoding="utf-8") as handle:
            handle.write(f"{stamp} {level.upper():7} {message}\n")
    except OSError as exc:
        SETTINGS.log_file = None  # say it once, then stop trying
        say("warning", f"cannot write the log file: {exc}")


def configure(quiet: bool, verbose: bool, log_file: Path | None, *, fresh: bool = False) -> None:
    """Apply the common options; given twice (before and after the command), any wins.
    ``fresh`` (the root, which runs first in every invocation) starts from the defaults."""
    if fresh:
        SETTINGS.level, SETTINGS.log_file = LEVELS["info"], None
    if (quiet and (verbose or SETTINGS.level < LEVELS["info"])) or (verbose and SETTINGS.quiet):
        raise typer.BadParameter("--quiet and --verbose exclude each other")
    if quiet:
        SETTINGS.level = LEVELS["error"]
    elif verbose:
        SETTINGS.level = LEVELS["debug"]
    if log_file is not None:
        SETTINGS.log_file = log_file


QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="Only errors on stderr; no progress bar.")
]
VerboseOpt = Annotated[
    bool, typer.Option("--verbose", "-v", help="Also debug lines: model, inputs, timings.")
]
LogFileOpt = Annotated[
    Path | None,
    typer.Option("--log-file", dir_okay=False, help="Append every message, time-stamped, here."),
]

F = TypeVar("F", bound=Callable[..., Any])


def common_options(func: F) -> F:
    """Give a command ``--quiet``, ``--verbose`` and ``--log-file`` (typer reads the
    signature, so the three are added to it and taken off before the command runs)."""
    signature = inspect.signature(func, eval_str=True)
    extra = {
        "quiet": (QuietOpt, False),
        "verbose": (VerboseOpt, False),
        "log_file": (LogFileOpt, None),
    }

    @functools.wraps(func)
    def command(*args: Any, **kwargs: Any) -> Any:
        configure(kwargs.pop("quiet"), kwargs.pop("verbose"), kwargs.pop("log_file"))
        shown = " ".join(f"{name}={value}" for name, value in kwargs.items())
        log("info", f"newsclaims {func.__name__.replace('_', '-')} {shown}")
        return func(*args, **kwargs)

    params = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind)
        for name, (kind, default) in extra.items()
    ]
    command.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*signature.parameters.values(), *params]
    )
    command.__annotations__ = {
        **func.__annotations__,
        **{name: kind for name, (kind, _) in extra.items()},
    }
    return command  # type: ignore[return-value]
