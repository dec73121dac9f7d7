"""Error lists of an evaluation, by failure class, for people rather than for the score.

A scorecard says how often the pipeline is wrong; these lists say where, grouped so that
the next person can see classes of failure (a speaker resolved through the wrong pronoun,
a reporting verb the cue lexicon lacks, a referent labelled ORG in one sentence and LOC in
the next) instead of reading figures. Nothing here changes a score.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from newsclaims.eval_rules import Span, fold

# Error class -> what it means; the order is the order of the report.
CLASSES: dict[str, str] = {
    "quote_speaker": "matched quote, wrong speaker (system vs gold, with the resolution path)",
    "claim_source": "matched claim, wrong source (with the linked quote's resolution path)",
    "entity_label_conflict": "one referent (entity_id) whose mentions carry more than one label",
    "quote_missed (indirect)": "gold indirect quote with no system match (cue words near it)",
    "quote_missed (direct+partial)": "gold direct/partial quote with no system match",
    "quote_false (indirect)": "system indirect quote matching no gold quote",
    "quote_false (direct+partial)": "system direct/partial quote matching no gold quote",
    "entity_missed": "gold entity with no system (name, label) pair",
    "entity_false": "system (name, label) pair matching no gold entity",
    "claim_missed": "gold claim overlapped by no system claim",
    "claim_false": "system claim overlapping no gold claim",
    "claim_value": "matched claim, wrong value or bounds",
    "claim_qualifier": "matched claim, wrong qualifier",
    "claim_unit": "matched claim, wrong unit",
    "claim_category": "matched claim, wrong category",
    "gold_span_not_found": "gold span not found in the article body (gold or text mismatch)",
}

# Reporting words the scorer looks for near a missed quote, beyond the pipeline's own cue
# lexicon: when one of these is next to a missed quote, the lexicon may be what is missing.
_EXTRA_CUE_TEXT = """
vertelt vertelde vertelden vermoedt vermoedde pleit pleitte eist eiste eisten dreigt
dreigde suggereert suggereerde verzekert verzekerde herhaalt herhaalde wijst wees weet
wist wisten beseft besefte zweert zwoer geeft gaf toe vindt vond ziet zag hoort hoorde
roept riep antwoordt antwoordde reageert reageerde twittert twitterde tweet tweette
benadrukt benadrukte waarschuwt waarschuwde erkent erkende ontkent ontkende beweert
beweerde onderstreept onderstreepte beklemtoont beklemtoonde bericht berichtte berichten
aldus volgens
"""
_EXTRA_CUES = frozenset(_EXTRA_CUE_TEXT.split())
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


@cache
def system_cue_words() -> frozenset[str]:
    """Every word form of the pipeline's cue lexicon (read to diagnose, never to score)."""
    from newsclaims import lexicon

    cues = lexicon.toml("cues.toml")
    forms: set[str] = set()
    for verb in cues.get("verbs", {}).values():
        forms.update(fold(f) for f in verb.get("forms", []))
    for table in ("prepositions", "nouns"):
        for values in cues.get(table, {}).values():
            forms.update(fold(v) for v in values)
    return frozenset(forms)


def cue_words_near(text: str, span: Span, before: int = 150, after: int = 80) -> list[str]:
    """Reporting words in the sentence(s) around a gold span, each with where it stands
    ("zegt (before)", "aldus (after)") and "(not a system cue)" when the pipeline's cue
    lexicon lacks it. The window stops at sentence ends, so it stays in the quote's
    sentence and the one that introduces it."""
    start, end = span
    left = text[max(0, start - before) : start]
    ends = list(_SENTENCE_END.finditer(left))
    if len(ends) > 1:  # keep the introducing sentence right before the span, not earlier ones
        left = left[ends[-2].end() :]
    right = text[end : end + after]
    stop = _SENTENCE_END.search(right)
    if stop:
        right = right[: stop.start() + 1]
    known = system_cue_words()
    found = []
    for where, chunk in (("before", left), ("inside", text[start:end]), ("after", right)):
        for word in _WORD.findall(chunk):
            key = fold(word)
            if key in known or key in _EXTRA_CUES:
                note = "" if key in known else ", not a system cue"
                found.append(f"{word} ({where}{note})")
    return list(dict.fromkeys(found))


def label_conflicts(mentions: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Referents of one article whose mentions carry more than one label, with the count
    of mentions per label: under spec §4 each extra label is a false (name, label) pair."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, str] = {}
    texts: dict[str, dict[str, str]] = defaultdict(dict)
    for m in mentions:
        eid = str(m.get("entity_id"))
        labels[eid][m["label"]] += 1
        names[eid] = m.get("entity_name") or ""
        texts[eid].setdefault(m["label"], m.get("text") or "")
    return [
        {"name": names[eid], "labels": dict(counts.most_common()), "example": texts[eid]}
        for eid, counts in labels.items()
        if len(counts) > 1
    ]


@dataclass
class Errors:
    """Error items per failure class; ``totals`` counts every error even past ``limit``."""

    items: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    totals: Counter[str] = field(default_factory=Counter)
    limit: int = 1000

    def add(self, kind: str, /, **info: Any) -> None:
        self.totals[kind] += 1
        if len(self.items[kind]) < self.limit:
            self.items[kind].append(info)

    def ordered(self) -> list[tuple[str, list[dict[str, Any]]]]:
        """Classes in report order, then any class not in ``CLASSES``, alphabetically."""
        rank = {k: i for i, k in enumerate(CLASSES)}
        keys = sorted(self.items, key=lambda k: (rank.get(k, len(rank)), k))
        return [(k, self.items[k]) for k in keys if self.items[k]]

    def as_dict(self) -> dict[str, list[dict[str, Any]]]:
        return dict(self.ordered())


def _short(value: Any, width: int = 90) -> str:
    if value is None:
        return "—"
    if isinstance(value, list | tuple):
        return " | ".join(_short(v, width) for v in value) if value else "—"
    if isinstance(value, dict):
        return ", ".join(f"{k}={_short(v, 40)}" for k, v in value.items())
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def describe(kind: str, item: dict[str, Any]) -> str:
    """One readable line per error, the fields that matter for its class first."""
    head = f"[{_short(item.get('article'), 40)}]"
    if kind in ("quote_speaker", "claim_source"):
        said_as = (
            f", speaker text {_short(item['speaker_text'], 40)}" if "speaker_text" in item else ""
        )
        return (
            f"{head} {_short(item.get('span'), 70)}: system {_short(item.get('system'), 40)} vs "
            f"gold {_short(item.get('gold'), 50)} (resolution {_short(item.get('resolution'), 30)}"
            f"{said_as})"
        )
    if kind == "entity_label_conflict":
        return f"{head} {item['name']}: {_short(item['labels'])} (gold {_short(item.get('gold'))})"
    if kind.startswith("quote_missed"):
        return (
            f"{head} {_short(item.get('span'), 80)} — speaker {_short(item.get('speaker'), 40)}, "
            f"cue words near: {_short(item.get('cue_words'), 80)}"
            + (
                f"; overlapping system quote: {_short(item['overlap'], 60)}"
                if item.get("overlap")
                else ""
            )
        )
    if kind.startswith("entity_"):
        hint = f" ({item['hint']})" if item.get("hint") else ""
        return f"{head} {item.get('name')} {item.get('label')}{hint}"
    fields = {k: v for k, v in item.items() if k != "article"}
    return f"{head} {_short(fields, 160)}"


def to_markdown(errors: Errors, title: str = "newsclaims evaluation errors") -> str:
    """The error lists as Markdown: one section per class, one bullet per error."""
    lines = [f"# {title}", ""]
    for kind, items in errors.ordered():
        total = errors.totals[kind]
        shown = f"{len(items)} of {total}" if total > len(items) else str(total)
        lines += [f"## {kind} ({shown})", "", f"_{CLASSES.get(kind, '')}_", ""]
        lines += [f"- {describe(kind, item)}" for item in items]
        lines.append("")
    return "\n".join(lines)


def to_json(errors: Errors) -> str:
    return json.dumps(
        {"totals": dict(errors.totals), "errors": errors.as_dict()}, ensure_ascii=False, indent=1
    )
