"""Microsoft Recognizers-Text's Dutch number specs as a test suite of the number parser.

The specs are read in place from ``../shared`` (``$SHARED_DIR`` overrides); without them the
test skips, except under ``CI=true`` where it fails (see ``tests/conftest.py``). Cases the
parser deliberately does not support are declared by class, with the reason, in
``pipeline/lexicon/recognizers_unsupported.toml``.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsclaims import lexicon
from newsclaims.eval_numbers import SPECS_SUBDIR, recognizers_pass_rate, unsupported_class


def test_number_model_pass_rate(shared: Path) -> None:
    result = recognizers_pass_rate(shared)
    print(
        f"\nRecognizers-Text NumberModel (plain numbers): {result['number_passed']}/"
        f"{result['number_cases']} = {result['number_rate']:.1%}; without declared unsupported "
        f"classes {result['number_supported_passed']}/{result['number_supported_cases']} = "
        f"{result['number_supported_rate']:.1%}; unsupported by class "
        f"{result['unsupported_by_class']}; no-number cases "
        f"{result['number_negative_passed']}/{result['number_negative_cases']}; "
        f"NumberRangeModel two-sided ranges {result['range_passed']}/{result['range_cases']} "
        f"({result['range_supported_passed']}/{result['range_supported_cases']} outside the "
        f"declared unsupported classes)"
    )
    for failure in result["failures"]:
        print("  fail:", failure)
    assert result["number_cases"] > 100  # the spec file was really read
    assert result["number_rate"] >= 0.95
    # every failure must be in a declared class: anything else is a regression
    assert [f for f in result["failures"] if f["unsupported"] is None] == []
    assert result["number_negative_passed"] == result["number_negative_cases"]
    assert result["range_supported_cases"] >= 5
    assert result["range_supported_passed"] == result["range_supported_cases"]


def test_every_unsupported_class_is_declared_with_a_reason_and_used(shared: Path) -> None:
    declared = lexicon.toml("recognizers_unsupported.toml")
    for table, spec in (("case", "NumberModel.json"), ("range_case", "NumberRangeModel.json")):
        cases = json.loads((shared / SPECS_SUBDIR / spec).read_text(encoding="utf-8"))
        used = {unsupported_class(c, table) for c in cases if c["Results"]}
        for cls in declared[table]:
            assert len(cls["reason"]) > 20, cls["name"]
            assert cls["name"] in used, f"unsupported class {cls['name']} matches no spec case"
