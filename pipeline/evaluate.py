"""Evaluation against gold answers, exactly as the annotation spec (§4) scores them.

Quality is measured, not asserted: this module reads a run's output tables and a gold
JSONL file and produces a scorecard (precision, recall, F1 and per-field accuracies) for
entities, claims and quotes. It works on the written tables rather than on in-memory
objects, so it scores what analysts actually get.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsclaims.entities import LABEL_PRIORITY, fold, named_part

SCORED_LABELS = ("PER", "ORG", "LOC")
DIRECT_KINDS = ("direct", "partial")
QUOTE_BUCKETS = (("direct+partial", DIRECT_KINDS), ("indirect", ("indirect",)))


@dataclass
class PRF:
    """Counts behind precision, recall and F1."""

    tp: int = 0
    n_system: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_system if self.n_system else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.n_system += other.n_system
        self.n_gold += other.n_gold

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "system": self.n_system,
            "gold": self.n_gold,
        }


@dataclass
class Accuracy:
    """Share of matched pairs where a field is right."""

    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"accuracy": round(self.value, 4), "right": self.right, "total": self.total}


@dataclass
class Errors:
    """A few examples per failure kind, to find failure classes rather than read numbers."""

    items: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    limit: int = 200

    def add(self, kind: str, **info: Any) -> None:
        if len(self.items[kind]) < self.limit:
            self.items[kind].append(info)


def names_match(system: str | None, gold: str | Sequence[str] | None) -> bool:
    """Spec rule: either name contains the other's last word, case- and accent-insensitive."""
    if gold is None or system is None:
        return gold is None and system is None
    options = [gold] if isinstance(gold, str) else list(gold)
    sys_f = fold(system)
    for option in options:
        gold_f = fold(option)
        if not gold_f or not sys_f:
            continue
        if gold_f.split()[-1] in sys_f or sys_f.split()[-1] in gold_f:
            return True
    return False


def locate(text: str, span: str, n: int = 1) -> tuple[int, int] | None:
    """Character span of the n-th occurrence of ``span`` in ``text`` (1-based n)."""
    start = -1
    for _ in range(max(n, 1)):
        start = text.find(span, start + 1)
        if start < 0:
            return None
    return start, start + len(span)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(
    gold: Sequence[tuple[int, int]], system: Sequence[tuple[int, int]], *, min_share: float = 0.0
) -> list[tuple[int, int]]:
    """One-to-one matching, largest overlaps first; a pair needs overlap > 0 and at least
    ``min_share`` of the shorter span. Returns (gold index, system index) pairs."""
    candidates = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            ov = _overlap(g, s)
            shorter = min(g[1] - g[0], s[1] - s[0]) or 1
            if ov > 0 and ov >= min_share * shorter:
                candidates.append((-ov, gi, si))
    candidates.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, gi, si in candidates:
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            pairs.append((gi, si))
    return sorted(pairs)


def _num_equal(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    a, b = float(a), float(b)
    return math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-3)


def value_correct(system: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Value, or low and high for ranges and vague plurals."""
    if gold.get("value") is not None:
        return _num_equal(system.get("value"), gold["value"])
    return _num_equal(system.get("low"), gold.get("low")) and _num_equal(
        system.get("high"), gold.get("high")
    )


# --- reading ----------------------------------------------------------------------------


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass
class SystemOutput:
    """A run's tables grouped by article."""

    texts: dict[str, str]
    mentions: dict[str, list[dict[str, Any]]]
    claims: dict[str, list[dict[str, Any]]]
    quotes: dict[str, list[dict[str, Any]]]

    @classmethod
    def read(cls, out_dir: Path) -> SystemOutput:
        def grouped(name: str) -> dict[str, list[dict[str, Any]]]:
            groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
            path = out_dir / f"{name}.jsonl"
            if not path.exists():
                raise FileNotFoundError(f"{path} missing: run `newsclaims run` first")
            for row in read_jsonl(path):
                groups[row["article_id"]].append(row)
            return groups

        articles = read_jsonl(out_dir / "articles.jsonl")
        return cls(
            texts={a["article_id"]: a["text"] for a in articles},
            mentions=grouped("mentions"),
            claims=grouped("claims"),
            quotes=grouped("quotes"),
        )


def system_entities(mentions: Iterable[dict[str, Any]]) -> list[tuple[str, str]]:
    """Distinct (canonical name, label) per entity of one article, majority label."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, str] = {}
    for m in mentions:
        labels[m["entity_id"]][m["label"]] += 1
        names[m["entity_id"]] = m["entity_name"]
    out = []
    for eid, counts in labels.items():
        label = max(LABEL_PRIORITY, key=lambda lab: (counts[lab], -LABEL_PRIORITY.index(lab)))
        out.append((names[eid], label))
    return sorted(set(out))


def _entity_names(name: str) -> set[str]:
    return {fold(name), fold(named_part(name))}


# --- scoring ----------------------------------------------------------------------------


@dataclass
class Scorecard:
    """All figures of one evaluation, plus error examples."""

    entities: PRF = field(default_factory=PRF)
    entities_by_label: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    claims: PRF = field(default_factory=PRF)
    claim_fields: dict[str, Accuracy] = field(default_factory=lambda: defaultdict(Accuracy))
    quotes: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    quote_fields: dict[str, Accuracy] = field(default_factory=lambda: defaultdict(Accuracy))
    articles: int = 0
    missing_articles: list[str] = field(default_factory=list)
    unlocated_spans: int = 0
    errors: Errors = field(default_factory=Errors)

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "missing_articles": self.missing_articles,
            "unlocated_gold_spans": self.unlocated_spans,
            "entities": {
                "overall": self.entities.as_dict(),
                "by_label": {k: v.as_dict() for k, v in sorted(self.entities_by_label.items())},
            },
            "claims": {
                "overall": self.claims.as_dict(),
                "fields": {k: v.as_dict() for k, v in self.claim_fields.items()},
            },
            "quotes": {
                "by_kind": {k: v.as_dict() for k, v in sorted(self.quotes.items())},
                "fields": {k: v.as_dict() for k, v in self.quote_fields.items()},
            },
            "errors": dict(self.errors.items),
        }


def score_entities(
    card: Scorecard, aid: str, gold: list[dict[str, Any]], system: list[tuple[str, str]]
) -> None:
    gold = [g for g in gold if g["label"] in SCORED_LABELS]
    system = [s for s in system if s[1] in SCORED_LABELS]
    used: set[int] = set()
    matched_gold: set[int] = set()
    for gi, g in enumerate(gold):
        gold_names = {fold(g["name"])} | {fold(a) for a in g.get("aliases", [])}
        for si, (name, label) in enumerate(system):
            if si in used or label != g["label"]:
                continue
            if _entity_names(name) & gold_names:
                used.add(si)
                matched_gold.add(gi)
                break
    for label in SCORED_LABELS:
        prf = PRF(
            tp=sum(1 for gi in matched_gold if gold[gi]["label"] == label),
            n_system=sum(1 for s in system if s[1] == label),
            n_gold=sum(1 for g in gold if g["label"] == label),
        )
        card.entities_by_label[label].add(prf)
        card.entities.add(prf)
    for gi, g in enumerate(gold):
        if gi not in matched_gold:
            card.errors.add("entity_missed", article=aid, name=g["name"], label=g["label"])
    for si, (name, label) in enumerate(system):
        if si not in used:
            card.errors.add("entity_spurious", article=aid, name=name, label=label)


def _gold_spans(
    card: Scorecard, aid: str, text: str, items: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], tuple[int, int]]]:
    located = []
    for item in items:
        span = locate(text, item["span"], item.get("n", 1))
        if span is None:
            card.unlocated_spans += 1
            card.errors.add("gold_span_not_found", article=aid, span=item["span"])
            continue
        located.append((item, span))
    return located


def score_claims(
    card: Scorecard, aid: str, text: str, gold: list[dict[str, Any]], system: list[dict[str, Any]]
) -> None:
    located = _gold_spans(card, aid, text, gold)
    pairs = match_spans([s for _, s in located], [(c["start"], c["end"]) for c in system])
    card.claims.add(PRF(len(pairs), len(system), len(located)))
    for gi, si in pairs:
        g, s = located[gi][0], system[si]
        checks = {
            "value": value_correct(s, g),
            "qualifier": s.get("qualifier") == g.get("qualifier"),
            "unit": fold(s.get("unit") or "") == fold(g.get("unit") or ""),
            "category": s.get("category") == g.get("category"),
            "source": names_match(s.get("source"), g.get("source")),
        }
        for name, ok in checks.items():
            card.claim_fields[name].add(ok)
            if not ok:
                card.errors.add(
                    f"claim_{name}",
                    article=aid,
                    span=g["span"],
                    gold=g.get(name if name != "value" else "value"),
                    gold_low=g.get("low"),
                    gold_high=g.get("high"),
                    system={k: s.get(k) for k in ("text", "value", "low", "high", name)},
                )
    matched_g = {gi for gi, _ in pairs}
    matched_s = {si for _, si in pairs}
    for gi, (g, _) in enumerate(located):
        if gi not in matched_g:
            card.errors.add("claim_missed", article=aid, span=g["span"])
    for si, s in enumerate(system):
        if si not in matched_s:
            card.errors.add("claim_spurious", article=aid, text=s["text"])


def score_quotes(
    card: Scorecard, aid: str, text: str, gold: list[dict[str, Any]], system: list[dict[str, Any]]
) -> None:
    located = _gold_spans(card, aid, text, gold)
    for bucket, kinds in QUOTE_BUCKETS:
        gold_b = [(g, s) for g, s in located if g["kind"] in kinds]
        sys_b = [q for q in system if q["kind"] in kinds]
        pairs = match_spans(
            [s for _, s in gold_b], [(q["start"], q["end"]) for q in sys_b], min_share=0.5
        )
        card.quotes[bucket].add(PRF(len(pairs), len(sys_b), len(gold_b)))
        for gi, si in pairs:
            g, q = gold_b[gi][0], sys_b[si]
            if g.get("speaker") is not None:
                ok = names_match(q.get("speaker"), g["speaker"])
                card.quote_fields[f"speaker ({bucket})"].add(ok)
                if not ok:
                    card.errors.add(
                        "quote_speaker",
                        article=aid,
                        span=g["span"][:80],
                        gold=g["speaker"],
                        system=q.get("speaker"),
                    )
            card.quote_fields["kind"].add(q["kind"] == g["kind"])
            if g.get("cue") is not None:
                card.quote_fields["cue"].add(fold(q.get("cue") or "") == fold(g["cue"]))
        matched_g = {gi for gi, _ in pairs}
        matched_s = {si for _, si in pairs}
        for gi, (g, _) in enumerate(gold_b):
            if gi not in matched_g:
                card.errors.add(
                    f"quote_missed ({bucket})",
                    article=aid,
                    span=g["span"][:100],
                    speaker=g.get("speaker"),
                )
        for si, q in enumerate(sys_b):
            if si not in matched_s:
                card.errors.add(f"quote_spurious ({bucket})", article=aid, text=q["text"][:100])


def evaluate(gold_paths: Sequence[Path], out_dir: Path) -> Scorecard:
    """Score a run's tables in ``out_dir`` against one or more gold JSONL files."""
    system = SystemOutput.read(out_dir)
    card = Scorecard()
    for path in gold_paths:
        for gold in read_jsonl(path):
            aid = str(gold["id"])
            if aid not in system.texts:  # everything in it counts as missed
                card.missing_articles.append(aid)
                card.entities.add(
                    PRF(
                        0,
                        0,
                        sum(1 for e in gold.get("entities", []) if e["label"] in SCORED_LABELS),
                    )
                )
                card.claims.add(PRF(0, 0, len(gold.get("claims", []))))
                for bucket, kinds in QUOTE_BUCKETS:
                    n = sum(1 for q in gold.get("quotes", []) if q["kind"] in kinds)
                    card.quotes[bucket].add(PRF(0, 0, n))
                continue
            card.articles += 1
            text = system.texts[aid]
            score_entities(
                card, aid, gold.get("entities", []), system_entities(system.mentions.get(aid, []))
            )
            score_claims(card, aid, text, gold.get("claims", []), system.claims.get(aid, []))
            score_quotes(card, aid, text, gold.get("quotes", []), system.quotes.get(aid, []))
    return card
