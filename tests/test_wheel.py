"""The built wheel, installed into a fresh virtualenv outside the checkout, runs on data/.

This is the test that a user's ``pip install newsclaims-*.whl`` works: the model, the alias
table, the label map and the lexicons must all travel inside the wheel, and the default
dependencies (no extras) must be all a run needs. pip installs them from the package
index as a user's pip would (its cache makes the second time fast).
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _sh(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600
    )
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def fresh_install(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    _sh(sys.executable, "-m", "pip", "wheel", ROOT, "--no-deps", "-q", "-w", work, cwd=work)
    [wheel] = work.glob("newsclaims-*.whl")
    venv = work / "venv"
    _sh(sys.executable, "-m", "venv", venv, cwd=work)
    _sh(venv / "bin" / "python", "-m", "pip", "install", "-q", wheel, cwd=work)
    return venv


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NEWSCLAIMS_MODEL")}
    return env


def test_the_installed_package_comes_from_the_wheel_with_its_data(fresh_install: Path) -> None:
    code = (
        "import newsclaims, newsclaims.nlp as n, newsclaims.records;"
        "print(newsclaims.__file__); print(n.BUNDLED_MODEL); print(n.ALIASES_PATH)"
    )
    where = _sh(fresh_install / "bin" / "python", "-c", code, cwd=fresh_install, env=_env())
    package, model, aliases = where.split()
    for path in (package, model, aliases):
        assert str(fresh_install) in path and str(ROOT) not in path, path
    assert Path(model, "meta.json").exists()


def test_the_installed_command_runs_on_the_examples(fresh_install: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _sh(
        fresh_install / "bin" / "newsclaims",
        "run",
        ROOT / "data",
        "--out",
        out,
        "--no-progress",
        cwd=tmp_path,
        env=_env(),
    )
    with (out / "articles.csv").open(encoding="utf-8") as fh:
        articles = list(csv.DictReader(fh))
    assert len(articles) >= 5
    with (out / "quotes.csv").open(encoding="utf-8") as fh:
        assert list(csv.DictReader(fh)), "no quotes found on the examples"
    help_text = _sh(
        fresh_install / "bin" / "python", "-m", "newsclaims", "--help", cwd=tmp_path, env=_env()
    )
    assert "run" in help_text


def test_a_saved_pipeline_loads_with_plain_spacy_load(fresh_install: Path, tmp_path: Path) -> None:
    """No ``import newsclaims`` in the loading process: the entry points find the components."""
    python = fresh_install / "bin" / "python"
    save = "import newsclaims.nlp as n; n.load().to_disk(r'%s')" % (tmp_path / "saved")
    _sh(python, "-c", save, cwd=tmp_path, env=_env())
    load = (
        "import spacy; nlp = spacy.load(r'%s'); "
        "doc = nlp('Volgens de politie waren er zo\\'n 2000 mensen.'); "
        "print(nlp.pipe_names[-4:], doc._.newsclaims_claims[0]['value'])"
    ) % (tmp_path / "saved")
    printed = _sh(python, "-c", load, cwd=tmp_path, env=_env())
    assert "newsclaims_claims" in printed and "2000.0" in printed
