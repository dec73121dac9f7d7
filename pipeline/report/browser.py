"""Headless Chromium for looking at a report: screenshots and the DOM after the page loaded.

Used by the end-to-end test (does every chart render, without console errors, in a real
browser?) and to make the README screenshots:

    python -m newsclaims.report.browser outputs/report.html docs/report-example.png

The flags keep Chromium offline and stateless (a fresh profile per call, no background
networking, no component updates), so a run proves the page needs nothing from the net.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--enable-logging=stderr",
    "--v=0",
)
CONSOLE_ERRORS = ("Uncaught", "ERROR:CONSOLE", "Failed to load resource")


def find_chromium() -> str | None:
    """Path of a Chromium (or Chrome) binary; $CHROMIUM wins."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _chromium(args: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    binary = find_chromium()
    if binary is None:
        raise FileNotFoundError("no chromium found (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="newsclaims-chromium-") as profile:
        command = [binary, *FLAGS, f"--user-data-dir={profile}", *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


def dump_dom(html: Path, width: int = 1280, height: int = 2000, timeout: float = 120) -> str:
    """The page's DOM, serialised after load and scripts ran (``--dump-dom``)."""
    done = _chromium(
        [
            f"--window-size={width},{height}",
            "--virtual-time-budget=5000",
            "--dump-dom",
            Path(html).resolve().as_uri(),
        ],
        timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"chromium --dump-dom failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def screenshot(
    html: Path, png: Path, width: int = 1280, height: int = 2000, timeout: float = 120
) -> str:
    """Save the top ``width`` x ``height`` pixels of the page to ``png``; return the log."""
    png = Path(png).resolve()
    done = _chromium(
        [
            f"--window-size={width},{height}",
            f"--screenshot={png}",
            "--virtual-time-budget=5000",
            Path(html).resolve().as_uri(),
        ],
        timeout,
    )
    if done.returncode != 0 or not png.is_file():
        raise RuntimeError(
            f"chromium --screenshot failed ({done.returncode}): {done.stderr[-2000:]}"
        )
    return done.stderr


def console_errors(log: str) -> list[str]:
    """Lines of a Chromium log that report a script or loading error in the page."""
    return [line for line in log.splitlines() if any(key in line for key in CONSOLE_ERRORS)]


def shrink(png: Path, width: int, colours: int = 128) -> None:
    """Scale a screenshot to ``width`` pixels and a palette (small PNGs for docs/)."""
    from PIL import Image

    with Image.open(png) as image:
        height = round(image.height * width / image.width)
        small = image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)
    small.quantize(colors=colours, method=Image.Quantize.FASTOCTREE).save(png, optimize=True)


def main(argv: list[str]) -> int:
    """``python -m newsclaims.report.browser REPORT.html OUT.png [HEIGHT [WIDTH]]``."""
    if len(argv) < 2:
        print(main.__doc__, file=sys.stderr)
        return 2
    height = int(argv[2]) if len(argv) > 2 else 2400
    width = int(argv[3]) if len(argv) > 3 else 900
    log = screenshot(Path(argv[0]), Path(argv[1]), width=1100, height=height)
    shrink(Path(argv[1]), width)
    for line in console_errors(log):
        print(line, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
