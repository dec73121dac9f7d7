"""The benchmark's estimators (the measurements themselves run in ``make bench``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsclaims.bench import paired_ratio
from newsclaims.bench_clock import StageClock, clock_pipeline, in_run_ratio


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


class _FakeTime:
    """A clock that only moves when a stage says how long it worked."""

    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def test_nested_stages_count_exclusive_time() -> None:
    now = _FakeTime()
    clock = StageClock(now)
    clock.enter("parser")
    now.t += 2.0
    clock.enter("tokenizer")  # the parser pulls a doc: the tokenizer's time is its own
    now.t += 1.0
    clock.leave()
    now.t += 3.0
    clock.leave()
    assert dict(clock.seconds) == {"parser": 5.0, "tokenizer": 1.0}


def _pipeline_with_costs(now: _FakeTime, costs: dict[str, float]) -> Language:
    """A blank Dutch pipeline whose components each advance the fake clock by their cost."""
    nlp = spacy.blank("nl")
    for name, cost in costs.items():

        def work(doc: Doc, cost: float = cost) -> Doc:
            now.t += cost
            return doc

        Language.component(f"bench_test_{name}", func=work)
        nlp.add_pipe(f"bench_test_{name}", name=name)
    return nlp


def test_a_clocked_pipeline_splits_a_run_between_model_and_own_components() -> None:
    now = _FakeTime()
    nlp = _pipeline_with_costs(now, {"parser": 0.7, "newsclaims_quotes": 0.2})
    clock = StageClock(now)
    clock_pipeline(nlp, clock)

    def read() -> Iterator[str]:  # the dump being read: 0.1 s a record
        for text in ("Hij zei dat het zo was.", "Volgens de politie waren het er 40."):
            now.t += 0.1
            yield text

    docs = list(nlp.pipe(read()))
    assert [d.text for d in docs][1].startswith("Volgens")  # the pipeline still works
    assert clock.seconds["parser"] == pytest.approx(1.4)
    assert clock.seconds["newsclaims_quotes"] == pytest.approx(0.4)
    assert clock.seconds["newsclaims_input"] == pytest.approx(0.2)  # not the model's time
    now.t += 0.2  # the rest of the run (tables): neither model nor component
    assert in_run_ratio(clock.seconds, total=now.t) == pytest.approx(1.4 / 2.2)


@pytest.mark.parametrize(
    ("seconds", "total", "expected"),
    [
        ({"tokenizer": 1.0, "parser": 7.0, "newsclaims_quotes": 1.0}, 10.0, 0.8),
        ({"newsclaims_claims": 2.0}, 4.0, 0.0),
        ({"parser": 1.0}, 0.0, 0.0),  # no run time: no ratio
    ],
)
def test_in_run_ratio_counts_the_tokenizer_and_every_stage_not_named_newsclaims(
    seconds: dict[str, float], total: float, expected: float
) -> None:
    assert in_run_ratio(seconds, total) == pytest.approx(expected)
