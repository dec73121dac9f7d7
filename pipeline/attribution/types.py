"""The values the attribution layer passes around: who said it, with which cue, about what."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Speaker:
    """Who said it: canonical name (or description), as written, entity id, how resolved."""

    name: str | None
    text: str | None
    entity_id: str | None
    resolution: str | None
    at: int = -1  # where the speaker is written; pronouns are resolved from here
    label: str | None = None  # entity label, or the labels an anaphor may refer to
    head: str | None = None  # the role or organisation noun of a nominal anaphor
    fallback: str | None = None  # the description to keep when the anaphor stays unresolved


@dataclass(frozen=True)
class Attribution:
    cue: str | None
    speaker: Speaker


NO_SPEAKER = Speaker(None, None, None, None)


@dataclass(frozen=True)
class Found:
    """A statement a rule found: character span, kind, attribution (None: not yet known)."""

    start: int
    end: int
    kind: str  # direct, partial, indirect, or "event" (a speech act without a quote)
    attribution: Attribution | None
    headline: bool = False
    depth: int = 0
    sticky: bool = True  # whether later unattributed quotes may continue this speaker


def covered(found: tuple[Found, ...] | list[Found], start: int, end: int) -> bool:
    """Whether [start, end) overlaps something already found."""
    return any(f.start < end and start < f.end for f in found)
