"""The README's "Python API (notebooks)" example runs as written, on the example data.

The block is taken from README.md under its heading and executed in the repository root
with the bundled model; only its ``out = "..."`` line is pointed at a temporary folder.
The model is loaded once and shared by ``extract`` and ``run`` (the example loads it
twice, as a reader's notebook would), which keeps the test near 20 s.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from newsclaims import nlp
from tests.conftest import ROOT

HEADING = "## Python API (notebooks)"


def readme_example(readme: Path = ROOT / "README.md") -> str:
    """The first ```python block of the section under ``HEADING``."""
    text = readme.read_text(encoding="utf-8")
    assert text.count(HEADING + "\n") == 1, f"README has no single {HEADING!r} section"
    section = text.split(HEADING + "\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```python\n(.*?)^```$", section, flags=re.M | re.S)
    assert blocks, f"no ```python block under {HEADING!r}"
    return blocks[0]


def test_readme_example_block_is_found() -> None:
    code = readme_example()
    for call in ("newsclaims.extract(", "newsclaims.run(", "newsclaims.open_dataset("):
        assert call in code
    assert len(re.findall(r"^out = .+$", code, flags=re.M)) == 1


def test_readme_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bundled_nlp: Language
) -> None:
    out = tmp_path / "results"
    code = re.sub(r"^out = .+$", f"out = {str(out)!r}", readme_example(), flags=re.M)
    monkeypatch.chdir(ROOT)  # the example reads data/ as a reader in a checkout would
    monkeypatch.setattr(nlp, "load", lambda *args, **kwargs: bundled_nlp)
    namespace: dict[str, Any] = {}
    exec(compile(code, "README.md (Python API example)", "exec"), namespace)
    claim = namespace["found"].claims[0]
    # what the README's comment says the first line prints
    assert (claim.value, claim.qualifier, claim.unit, claim.source) == (
        2000.0,
        "approx",
        "demonstrant",
        "politie",
    )
    assert (out / "newsclaims.duckdb").is_file()
    claims, per_source = namespace["claims"], namespace["per_source"]
    assert len(claims) == len(namespace["ds"].claims) > 0
    assert per_source.sum() == claims["source_entity"].notna().sum() > 0
