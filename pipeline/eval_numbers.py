"""Microsoft Recognizers-Text's Dutch number specs, run through the number parser.

This is evaluation, not parsing: it lives beside the gold scorer rather than in
``newsclaims.numbers`` so the parser module holds only what the pipeline runs, and so the
spec harness can read ``../shared`` without the parser knowing it exists. Cases the parser
deliberately does not support are declared by class, with the reason, in
``lexicon/recognizers_unsupported.toml``; every other failure is a regression.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from newsclaims import lexicon
from newsclaims.numbers import find_numbers, find_quantities

SPECS_SUBDIR = Path("corpora/recognizers_text_nl/Specs/Number/Dutch")


def _spec_value(raw: str) -> float:
    return float(raw.replace(",", "."))


def _unsupported_classes(table: str) -> list[dict[str, str]]:
    return list(lexicon.toml("recognizers_unsupported.toml")[table])


def unsupported_class(case: dict[str, Any], table: str = "case") -> str | None:
    """Name of the declared unsupported class a spec case falls in, if any.

    ``table`` is ``case`` for NumberModel and ``range_case`` for NumberRangeModel.
    """
    texts = [r.get("Text", "") for r in case.get("Results", [])]
    for cls in _unsupported_classes(table):
        pattern = re.compile(cls["pattern"], re.IGNORECASE)
        target = case["Input"] if cls.get("on", "result") == "input" else "\n".join(texts)
        if pattern.search(target):
            return str(cls["name"])
    return None


def _number_case_passes(case: dict[str, Any]) -> bool:
    got = find_numbers(case["Input"])
    want = case["Results"]
    if len(got) != len(want):
        return False
    for g, w in zip(got, want, strict=True):
        if g.value is None or not math.isclose(
            g.value, _spec_value(w["Resolution"]["value"]), rel_tol=1e-6, abs_tol=1e-6
        ):
            return False
        if " ".join(g.text.casefold().split()) != " ".join(w["Text"].casefold().split()):
            return False
    return True


def _two_sided(result: dict[str, Any]) -> bool:
    bounds = result["Resolution"]["value"].strip("[]()").split(",")
    return len(bounds) == 2 and all(bounds) and bounds[0] != bounds[1]


def _range_case_passes(case: dict[str, Any]) -> bool:
    got = [q for q in find_quantities(case["Input"]) if q.kind == "range"]
    want = case["Results"]
    if len(got) != len(want):
        return False
    for g, w in zip(got, want, strict=True):
        bounds = w["Resolution"]["value"].strip("[]()").split(",")
        if len(bounds) != 2 or not bounds[0] or not bounds[1]:
            return False
        if not (
            math.isclose(g.low or 0, float(bounds[0]))
            and math.isclose(g.high or 0, float(bounds[1]))
        ):
            return False
    return True


def recognizers_pass_rate(shared_dir: Path) -> dict[str, Any]:
    """Run the Recognizers-Text Dutch NumberModel/NumberRangeModel specs through the parser.

    ``number`` is over the cases whose expected results are all plain numbers (the 95% bar);
    ``number_supported`` leaves out the declared unsupported classes; ``number_negative`` is
    over cases expecting no number at all; ``range`` is over NumberRangeModel cases with
    two-sided ranges, the only kind this parser makes (one-sided comparisons such as
    "meer dan 30" are qualifiers in the claim extractor, not ranges).
    """
    base = Path(shared_dir) / SPECS_SUBDIR
    cases = json.loads((base / "NumberModel.json").read_text(encoding="utf-8"))
    plain = [
        c for c in cases if c["Results"] and all(r["TypeName"] == "number" for r in c["Results"])
    ]
    negative = [c for c in cases if not c["Results"]]
    failures: list[dict[str, Any]] = []
    passed = 0
    passed_supported = 0
    n_supported = 0
    by_class: dict[str, int] = {}
    for case in plain:
        ok = _number_case_passes(case)
        cls = unsupported_class(case)
        passed += ok
        if cls is None:
            n_supported += 1
            passed_supported += ok
        else:
            by_class[cls] = by_class.get(cls, 0) + 1
        if not ok:
            got = [(m.text, m.value) for m in find_numbers(case["Input"])]
            failures.append({"input": case["Input"], "got": got, "unsupported": cls})
    neg_passed = sum(not find_numbers(c["Input"]) for c in negative)
    ranges = json.loads((base / "NumberRangeModel.json").read_text(encoding="utf-8"))
    two_sided = [c for c in ranges if c["Results"] and all(_two_sided(r) for r in c["Results"])]
    range_passed = sum(_range_case_passes(c) for c in two_sided)
    range_supported = [c for c in two_sided if unsupported_class(c, "range_case") is None]
    range_supported_passed = sum(_range_case_passes(c) for c in range_supported)
    return {
        "number_cases": len(plain),
        "number_passed": passed,
        "number_rate": passed / len(plain) if plain else 0.0,
        "number_supported_cases": n_supported,
        "number_supported_passed": passed_supported,
        "number_supported_rate": passed_supported / n_supported if n_supported else 0.0,
        "unsupported_by_class": by_class,
        "number_negative_cases": len(negative),
        "number_negative_passed": neg_passed,
        "range_cases": len(two_sided),
        "range_passed": range_passed,
        "range_rate": range_passed / len(two_sided) if two_sided else 0.0,
        "range_supported_cases": len(range_supported),
        "range_supported_passed": range_supported_passed,
        "failures": failures,
    }
