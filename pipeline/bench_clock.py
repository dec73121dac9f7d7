"""Where one run's time goes: wall seconds inside the tokenizer and each pipeline component.

Why: on a shared virtual machine two runs of the same work differ by 10-40% (steal time),
so the ratio of a raw ``nlp.pipe`` run to a separate end-to-end run moves with the
neighbours more than with the code. Inside one end-to-end run, the model's components and
newsclaims' own work share the same minutes: the share of the run spent in the tokenizer and
the model's components estimates the raw/end-to-end ratio without a second run. Used by
``newsclaims bench`` for one process (workers' clocks do not come back to the parent).

spaCy chains the components as generators (``proc.pipe(docs)`` pulls from the one before),
so the clock keeps a stack: time spent pulling a doc through an earlier component is that
component's, not the later one's (exclusive time, as a profiler counts it).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc


class StageClock:
    """Exclusive wall seconds per named stage, nested stages subtracted from their caller."""

    def __init__(self, now: Callable[[], float] = time.perf_counter) -> None:
        self.now = now
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self._stack: list[list[Any]] = []  # [name, time the stage last resumed]

    def enter(self, name: str) -> None:
        t = self.now()
        if self._stack:
            caller = self._stack[-1]
            self.seconds[caller[0]] += t - caller[1]
        self._stack.append([name, t])

    def leave(self) -> None:
        t = self.now()
        name, resumed = self._stack.pop()
        self.seconds[name] += t - resumed
        if self._stack:
            self._stack[-1][1] = t


class _Timed:
    """A component (or the tokenizer) whose calls and ``pipe`` pulls are clocked."""

    def __init__(self, proc: Any, name: str, clock: StageClock) -> None:
        self.proc, self.name, self.clock = proc, name, clock

    def __call__(self, doc: Any) -> Doc:
        self.clock.enter(self.name)
        try:
            return self.proc(doc)
        finally:
            self.clock.leave()

    def pipe(self, docs: Iterable[Doc], **kwargs: Any) -> Iterator[Doc]:
        if not hasattr(self.proc, "pipe"):
            for doc in docs:
                yield self(doc)
            return
        inner = iter(self.proc.pipe(docs, **kwargs))
        while True:
            self.clock.enter(self.name)
            try:
                doc = next(inner)
            except StopIteration:
                return
            finally:
                self.clock.leave()
            yield doc

    def __getattr__(self, attr: str) -> Any:  # anything else spaCy asks of the component
        return getattr(self.proc, attr)


TOKENIZER = "tokenizer"
INPUT = "newsclaims_input"  # the texts fed to nlp.pipe: reading and checking the records


def _timed_input(texts: Iterable[Any], clock: StageClock) -> Iterator[Any]:
    """The texts, each pull clocked as ``INPUT``: the first component pulls them through
    spaCy's generators, so without this the reading of the dump counted as model time."""
    inner = iter(texts)
    while True:
        clock.enter(INPUT)
        try:
            text = next(inner)
        except StopIteration:
            return
        finally:
            clock.leave()
        yield text


def clock_pipeline(language: Language, clock: StageClock) -> None:
    """Clock the input, the tokenizer and every component of ``language`` in place (for a
    bench run).

    The tokenizer is swapped through its public attribute; the components through the
    pipeline's component list, which spaCy offers no public way to wrap in place; the input
    through an instance attribute ``pipe`` that wraps the texts and calls spaCy's own.
    """
    language.tokenizer = _Timed(language.tokenizer, TOKENIZER, clock)
    components = language._components
    language._components = [(name, _Timed(proc, name, clock)) for name, proc in components]
    pipe = language.pipe

    def clocked_pipe(texts: Iterable[Any], *args: Any, **kwargs: Any) -> Iterator[Any]:
        return pipe(_timed_input(texts, clock), *args, **kwargs)

    language.pipe = clocked_pipe  # type: ignore[method-assign]


OWN_PREFIX = "newsclaims_"  # every component and stage newsclaims adds is named so


def in_run_ratio(seconds: dict[str, float], total: float) -> float:
    """The share of a run's wall time spent in the tokenizer and the model's own components
    (every stage not named ``newsclaims_*``; reading the input is ``newsclaims_input``):
    what raw ``nlp.pipe`` would take over what the whole run took.
    {"tokenizer": 1, "parser": 7, "newsclaims_quotes": 1} in 10 s: 0.8."""
    model = sum(s for name, s in seconds.items() if not name.startswith(OWN_PREFIX))
    return model / total if total > 0 else 0.0
