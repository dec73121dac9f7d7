"""``newsclaims report``: one offline HTML page of what a dataset says, charts first.

Layers, each replaceable alone: ``data`` reads the tables (the only module that touches
files), ``aggregate`` computes the numbers behind every chart (pandas, unit-tested),
``charts`` draws them as static SVG (matplotlib; why in its docstring), ``render`` fills
``template.html.j2``. This module imports none of them, so the command line can say how
to install the optional chart library before anything needs it.
"""

from __future__ import annotations

import importlib.util

INSTALL_HINT = "pip install 'newsclaims[report]'  (adds matplotlib for the charts)"


def missing_dependency() -> str | None:
    """The name of the chart library when it is not installed, else None."""
    return None if importlib.util.find_spec("matplotlib") else "matplotlib"
