"""The benchmark's estimators (the measurements themselves run in ``make bench``)."""

from __future__ import annotations

import pytest

from newsclaims.bench import paired_ratio


@pytest.mark.parametrize(
    ("raw", "full", "expected"),
    [
        ([10.0], [20.0], 0.5),
        ([20.9, 24.5, 25.1], [26.8, 27.6, 28.4], 25.1 / 28.4),  # a quiet minute for raw only
        ([10.0, 10.0], [10.0, 12.5], 0.9),  # an even count: the mean of the two middle ones
        ([10.0, 5.0], [0.0, 10.0], 0.25),  # a zero end-to-end time counts as ratio 0
    ],
)
def test_the_paired_ratio_is_the_median_of_each_turn_s_own_ratio(
    raw: list[float], full: list[float], expected: float
) -> None:
    assert paired_ratio(raw, full) == pytest.approx(expected)


def test_turns_are_paired_one_to_one() -> None:
    with pytest.raises(ValueError):
        paired_ratio([1.0, 2.0], [1.0])
