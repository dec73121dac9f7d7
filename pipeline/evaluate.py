"""Evaluation against gold answers, exactly as the annotation spec (§4) scores them.

Quality is measured, not asserted: this module reads a run's output tables and gold JSONL
files and produces a scorecard (precision, recall, F1 and per-field accuracies) for
entities, claims and quotes, plus error lists by failure class (``eval_errors``). It works
on the written tables rather than on in-memory objects, so it scores what analysts get.
The matching rules themselves live in ``eval_rules``, apart from the extractors they judge.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsclaims.eval_errors import Errors, cue_words_near, label_conflicts
from newsclaims.eval_rules import (
    Span,
    entity_matches,
    fold,
    locate,
    match_pairs,
    match_spans,
    names_match,
    overlap,
    unit_correct,
    value_correct,
)

__all__ = [
    "PRF",
    "Accuracy",
    "Errors",
    "Scorecard",
    "SystemOutput",
    "evaluate",
    "locate",
    "match_spans",
    "names_match",
    "read_jsonl",
    "score_claims",
    "score_entities",
    "score_quotes",
    "system_entities",
    "value_correct",
]

SCORED_LABELS = ("PER", "ORG", "LOC")
DIRECT_KINDS = ("direct", "partial")
QUOTE_BUCKETS = (("direct+partial", DIRECT_KINDS), ("indirect", ("indirect",)))
Row = dict[str, Any]


@dataclass
class PRF:
    """Counts behind precision, recall and F1; added up over articles (micro-average)."""

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


def read_jsonl(path: Path) -> list[Row]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass
class SystemOutput:
    """A run's tables grouped by article."""

    texts: dict[str, str]
    mentions: dict[str, list[Row]]
    claims: dict[str, list[Row]]
    quotes: dict[str, list[Row]]

    @classmethod
    def read(cls, out_dir: Path) -> SystemOutput:
        def grouped(name: str) -> dict[str, list[Row]]:
            groups: dict[str, list[Row]] = defaultdict(list)
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


def system_entities(mentions: Iterable[Row]) -> list[tuple[str, str]]:
    """The article's distinct (canonical name, label) pairs, as spec §4 reads them: every
    label any mention carries, so a referent labelled ORG once and LOC twice gives two
    pairs. A majority vote here would hide the pipeline's label inconsistency from the
    score; analysts filtering the mentions table by label meet every one of them."""
    return sorted({(m["entity_name"], m["label"]) for m in mentions})


@dataclass
class Scorecard:
    """All figures of one evaluation, plus the error lists."""

    entities: PRF = field(default_factory=PRF)
    entities_by_label: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    claims: PRF = field(default_factory=PRF)
    claim_fields: dict[str, Accuracy] = field(default_factory=lambda: defaultdict(Accuracy))
    quotes: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    quote_fields: dict[str, Accuracy] = field(default_factory=lambda: defaultdict(Accuracy))
    articles: int = 0
    missing_articles: list[str] = field(default_factory=list)
    unlocated_spans: int = 0
    gold_files: list[str] = field(default_factory=list)
    errors: Errors = field(default_factory=Errors)

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold_files": self.gold_files,
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
            "error_totals": dict(self.errors.totals),
            "errors": self.errors.as_dict(),
        }


# --- entities ---------------------------------------------------------------------------


def score_entities(card: Scorecard, aid: str, gold: list[Row], mentions: list[Row]) -> None:
    """Gold entities against the system's (name, label) pairs of one article, one-to-one."""
    gold = [g for g in gold if g["label"] in SCORED_LABELS]
    system = [s for s in system_entities(mentions) if s[1] in SCORED_LABELS]
    pairs = match_pairs(
        len(gold),
        len(system),
        lambda gi, si: (
            system[si][1] == gold[gi]["label"] and entity_matches(system[si][0], gold[gi])
        ),
    )
    matched_g = {gi for gi, _ in pairs}
    matched_s = {si for _, si in pairs}
    for label in SCORED_LABELS:
        prf = PRF(
            tp=sum(1 for gi in matched_g if gold[gi]["label"] == label),
            n_system=sum(1 for s in system if s[1] == label),
            n_gold=sum(1 for g in gold if g["label"] == label),
        )
        card.entities_by_label[label].add(prf)
        card.entities.add(prf)
    for gi, g in enumerate(gold):
        if gi not in matched_g:
            other = sorted({lab for name, lab in system if entity_matches(name, g)} - {g["label"]})
            hint = f"system labels it {'/'.join(other)}" if other else ""
            card.errors.add(
                "entity_missed", article=aid, name=g["name"], label=g["label"], hint=hint
            )
    for si, (name, label) in enumerate(system):
        if si in matched_s:
            continue
        same_name = [g for g in gold if entity_matches(name, g)]
        if any(g["label"] == label for g in same_name):
            hint = "a second system pair for a gold entity already matched (split referent?)"
        elif same_name:
            hint = f"gold label {same_name[0]['label']}"
        else:
            hint = "not in gold"
        card.errors.add("entity_false", article=aid, name=name, label=label, hint=hint)
    for conflict in label_conflicts(mentions):
        same_name = [g["label"] for g in gold if entity_matches(conflict["name"], g)]
        card.errors.add("entity_label_conflict", article=aid, gold=same_name or None, **conflict)


# --- claims and quotes --------------------------------------------------------------------


def _gold_spans(card: Scorecard, aid: str, text: str, items: list[Row]) -> list[tuple[Row, Span]]:
    located = []
    for item in items:
        span = locate(text, item["span"], item.get("n", 1))
        if span is None:
            card.unlocated_spans += 1
            card.errors.add("gold_span_not_found", article=aid, span=item["span"], n=item.get("n"))
            continue
        located.append((item, span))
    return located


def score_claims(
    card: Scorecard,
    aid: str,
    text: str,
    gold: list[Row],
    system: list[Row],
    quotes: list[Row] | None = None,
) -> None:
    """Claims match on any overlap; value, qualifier, unit (and category) over matched pairs,
    source only over matched pairs whose gold source is not null (spec §4): a claim in the
    article's own voice says nothing about attribution."""
    located = _gold_spans(card, aid, text, gold)
    pairs = match_spans([s for _, s in located], [(c["start"], c["end"]) for c in system])
    card.claims.add(PRF(len(pairs), len(system), len(located)))
    resolution = {q.get("quote_id"): q.get("resolution") for q in quotes or []}
    for gi, si in pairs:
        g, s = located[gi][0], system[si]
        checks = {
            "value": value_correct(s, g),
            "qualifier": s.get("qualifier") == g.get("qualifier"),
            "unit": unit_correct(s.get("unit"), g.get("unit")),
            "category": s.get("category") == g.get("category"),
        }
        if g.get("source") is not None:
            checks["source"] = names_match(s.get("source"), g["source"])
        for name, ok in checks.items():
            card.claim_fields[name].add(ok)
            if ok:
                continue
            if name == "source":
                card.errors.add(
                    "claim_source",
                    article=aid,
                    span=g["span"],
                    gold=g["source"],
                    system=s.get("source"),
                    resolution=resolution.get(s.get("quote_id"), "no linked quote"),
                )
                continue
            gold_value = (
                (g.get("value"), g.get("low"), g.get("high")) if name == "value" else g.get(name)
            )
            system_value = (
                (s.get("value"), s.get("low"), s.get("high")) if name == "value" else s.get(name)
            )
            card.errors.add(
                f"claim_{name}", article=aid, span=g["span"], gold=gold_value, system=system_value
            )
    matched_g = {gi for gi, _ in pairs}
    matched_s = {si for _, si in pairs}
    for gi, (g, span) in enumerate(located):
        if gi not in matched_g:
            context = text[max(0, span[0] - 40) : span[1] + 40]
            card.errors.add(
                "claim_missed",
                article=aid,
                span=g["span"],
                value=g.get("value")
                if g.get("value") is not None
                else (g.get("low"), g.get("high")),
                unit=g.get("unit"),
                context=context,
            )
    for si, s in enumerate(system):
        if si not in matched_s:
            card.errors.add("claim_false", article=aid, text=s.get("text"), value=s.get("value"))


def score_quotes(card: Scorecard, aid: str, text: str, gold: list[Row], system: list[Row]) -> None:
    """Quotes match when their overlap is at least half of the shorter span, within the
    direct+partial and the indirect bucket separately; speaker accuracy over matched pairs
    whose gold speaker is not null."""
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
            card.quote_fields["kind"].add(q["kind"] == g["kind"])
            if g.get("cue") is not None:
                card.quote_fields["cue"].add(fold(q.get("cue") or "") == fold(g["cue"]))
            if g.get("speaker") is None:
                continue
            ok = names_match(q.get("speaker"), g["speaker"])
            card.quote_fields[f"speaker ({bucket})"].add(ok)
            if not ok:
                card.errors.add(
                    "quote_speaker",
                    article=aid,
                    kind=g["kind"],
                    span=g["span"],
                    gold=g["speaker"],
                    system=q.get("speaker"),
                    speaker_text=q.get("speaker_text"),
                    cue=q.get("cue"),
                    resolution=q.get("resolution"),
                )
        matched_g = {gi for gi, _ in pairs}
        matched_s = {si for _, si in pairs}
        for gi, (g, span) in enumerate(gold_b):
            if gi in matched_g:
                continue
            near = [q for q in system if overlap(span, (q["start"], q["end"])) > 0]
            card.errors.add(
                f"quote_missed ({bucket})",
                article=aid,
                span=g["span"],
                speaker=g.get("speaker"),
                cue=g.get("cue"),
                cue_words=cue_words_near(text, span),
                overlap=[f"{q['kind']}: {(q.get('text') or '')[:60]}" for q in near] or None,
            )
        for si, q in enumerate(sys_b):
            if si not in matched_s:
                card.errors.add(
                    f"quote_false ({bucket})",
                    article=aid,
                    text=q.get("text"),
                    speaker=q.get("speaker"),
                    resolution=q.get("resolution"),
                )


# --- whole evaluation ---------------------------------------------------------------------


def _count_missing(card: Scorecard, gold: Row) -> None:
    """A gold article absent from the outputs: everything in it counts as missed."""
    card.missing_articles.append(str(gold["id"]))
    scored = [e for e in gold.get("entities", []) if e["label"] in SCORED_LABELS]
    for label in SCORED_LABELS:
        prf = PRF(0, 0, sum(1 for e in scored if e["label"] == label))
        card.entities_by_label[label].add(prf)
        card.entities.add(prf)
    card.claims.add(PRF(0, 0, len(gold.get("claims", []))))
    for bucket, kinds in QUOTE_BUCKETS:
        card.quotes[bucket].add(
            PRF(0, 0, sum(1 for q in gold.get("quotes", []) if q["kind"] in kinds))
        )


def evaluate(gold_paths: Sequence[Path], out_dir: Path) -> Scorecard:
    """Score a run's tables in ``out_dir`` against one or more gold JSONL files."""
    system = SystemOutput.read(out_dir)
    card = Scorecard(gold_files=[Path(p).name for p in gold_paths])
    for path in gold_paths:
        for gold in read_jsonl(path):
            aid = str(gold["id"])
            if aid not in system.texts:
                _count_missing(card, gold)
                continue
            card.articles += 1
            text = system.texts[aid]
            quotes = system.quotes.get(aid, [])
            score_entities(card, aid, gold.get("entities", []), system.mentions.get(aid, []))
            score_claims(
                card, aid, text, gold.get("claims", []), system.claims.get(aid, []), quotes
            )
            score_quotes(card, aid, text, gold.get("quotes", []), quotes)
    return card
