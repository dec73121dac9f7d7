"""newsclaims: Dutch news articles in, entities, numeric claims and quotes out as tables.

The library form of the tool, for notebooks and scripts (loaded on first use, so that
``import newsclaims.records`` never imports spaCy or DuckDB):

- ``newsclaims.extract(text, date=None, model=None)``: one text's entities, claims and
  quotes as records (``.to_frames()`` for pandas);
- ``newsclaims.run(inputs, out, **options)``: what ``newsclaims run`` does (the command
  line calls it);
- ``newsclaims.open_dataset(out)``: the tables of a dataset as typed pandas DataFrames.
"""

from __future__ import annotations

import importlib
import os

__version__ = "0.1.0"

# Arrow in the system allocator, unless the user chose (read by pyarrow once, at its first
# allocation): its default, mimalloc, kept what the run's batches and Parquet parts had
# used, and a cluster driver peaked 20 MiB higher (309.0 and 325.2 MiB at 1,000 and 5,000
# articles against 289.5 and 302.4; issue 13).
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

__all__ = ["__version__", "extract", "open_dataset", "run"]

# public name -> (module, attribute); the module is imported on first access
_LAZY = {
    "extract": ("newsclaims.api", "extract"),
    "run": ("newsclaims.runner", "run"),
    "open_dataset": ("newsclaims.frames", "open_dataset"),
}


def __getattr__(name: str) -> object:
    """The public functions, imported when first asked for."""
    if name in _LAZY:
        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'newsclaims' has no attribute {name!r}")
