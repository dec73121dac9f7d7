"""Dutch NLP stage: resolve which spaCy pipeline to load and map its entity labels.

Two kinds of model must work through one code path: the project's own bundled pipeline
(trained on CoNLL-2002 labels PER/ORG/LOC/MISC) and the official ``nl_core_news_sm``
(OntoNotes-style labels PERSON/GPE/NORP/...). Instead of teaching every extractor both
label sets, a last pipeline component rewrites ``doc.ents`` into the project's labels
using ``data/label_map.json`` (shipped in the package); everything downstream only ever
sees PER/ORG/LOC/MISC.
"""

from __future__ import annotations

import csv
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import NumpyOps, get_current_ops, set_current_ops

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
PROJECT_ROOT = PACKAGE_DIR.parent
LABEL_MAP_PATH = DATA_DIR / "label_map.json"
GAZETTEER_PATH = DATA_DIR / "gazetteer.csv"
ALIASES_PATH = DATA_DIR / "aliases.csv"


def _bundled_model() -> Path:
    """The bundled pipeline: inside the installed package (a wheel), else the checkout's."""
    packaged = PACKAGE_DIR / "model"
    if (packaged / "meta.json").exists():
        return packaged
    return PROJECT_ROOT / "models" / "nl_newsclaims_sm"


BUNDLED_MODEL = _bundled_model()
GAZETTEER_COMPONENT = "newsclaims_gazetteer"
MODEL_ENV_VAR = "NEWSCLAIMS_MODEL"
PROJECT_LABELS = ("PER", "ORG", "LOC", "MISC")
LABEL_COMPONENT = "newsclaims_labels"


class ModelError(RuntimeError):
    """Raised when no usable spaCy pipeline can be found; the message says what to do."""


@lru_cache(maxsize=1)
def load_label_map(path: Path = LABEL_MAP_PATH) -> dict[str, str | None]:
    """Read the model-label -> project-label table (keys starting with ``_`` are comments)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    table = {k: v for k, v in raw.items() if not k.startswith("_")}
    bad = {v for v in table.values() if v is not None and v not in PROJECT_LABELS}
    if bad:
        raise ModelError(f"{path}: unknown project labels {sorted(bad)}; use {PROJECT_LABELS}")
    return table


def map_label(label: str, table: dict[str, str | None] | None = None) -> str | None:
    """Project label for a model label; unknown labels fall back to MISC so nothing vanishes."""
    table = load_label_map() if table is None else table
    if label in table:
        return table[label]
    return "MISC"


def resolve_model(model: str | Path | None = None) -> str | Path:
    """Pick the pipeline: explicit ``--model`` > ``$NEWSCLAIMS_MODEL`` > the bundled model."""
    chosen: str | Path | None = model or os.environ.get(MODEL_ENV_VAR) or None
    if chosen is None:
        if not (BUNDLED_MODEL / "meta.json").exists():
            raise ModelError(
                f"bundled model missing at {BUNDLED_MODEL}; rebuild it with `make model` "
                f"or name one with --model / ${MODEL_ENV_VAR}"
            )
        return BUNDLED_MODEL
    as_path = Path(chosen)
    if as_path.exists():
        return as_path
    if spacy.util.is_package(str(chosen)):
        return str(chosen)
    raise ModelError(
        f"model {chosen!r} is neither a directory nor an installed spaCy package "
        f"(for nl_core_news_sm: pip install it first, or pass a path)"
    )


def prepare(nlp: Language, *, extract: bool = True) -> Language:
    """Add the paragraph step before the parser, append the label mapping and
    (``extract``) the extractor components, once each.

    Used for loaded and test-built pipelines alike, so both run the same components.
    Why the label step drops spans without a capital letter: a name always has one
    ("eBay", "'s-Hertogenbosch", "D66"), while the statistical NER of either model now and
    then tags a hedge plus number ("zo'n 3") or a lower-case phrase; such a span would be a
    spurious entity and would also hide the number from the claim extractor.
    """
    from newsclaims import components  # registers the factories; imports the extractors
    from newsclaims.paragraphs import add_paragraphs

    add_paragraphs(nlp)
    if LABEL_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(LABEL_COMPONENT, last=True)
    if extract:
        components.add_extractors(nlp)
    return nlp


def known_entity_patterns(
    gazetteer: Path = GAZETTEER_PATH, aliases: Path = ALIASES_PATH
) -> list[dict[str, str]]:
    """EntityRuler phrase patterns from the user-editable gazetteer and alias table.

    A statistical NER trained on older Belgian news misses or mislabels today's names
    (it has never seen "IS" as an organisation); known names fix that class of error.
    """
    patterns: dict[str, str] = {}
    if gazetteer.exists():
        lines = [
            ln
            for ln in gazetteer.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")
        ]
        for row in csv.DictReader(lines):
            patterns.setdefault(row["name"].strip(), row["label"].strip())
    if aliases.exists():
        with aliases.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                names = [row["canonical"], *(row.get("aliases") or "").split("|")]
                for name in filter(None, (n.strip() for n in names)):
                    patterns.setdefault(name, row["label"].strip())
    bad = {lab for lab in patterns.values() if lab not in PROJECT_LABELS}
    if bad:
        raise ModelError(f"{gazetteer} / {aliases}: unknown labels {sorted(bad)}")
    return [{"label": label, "pattern": name} for name, label in sorted(patterns.items())]


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """Every name in the gazetteer and alias table, as written there."""
    return frozenset(p["pattern"] for p in known_entity_patterns())


def add_known_entities(nlp: Language) -> Language:
    """Put a ruler with the known names before the NER, which then predicts around them."""
    if GAZETTEER_COMPONENT in nlp.pipe_names:
        return nlp
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {"last": True}
    ruler = nlp.add_pipe("entity_ruler", name=GAZETTEER_COMPONENT, **where)
    ruler.add_patterns(known_entity_patterns())  # type: ignore[attr-defined]
    return nlp


def use_numpy_matmul() -> None:
    """Run thinc's CPU layers on numpy's BLAS instead of the bundled ``blis`` kernels.

    Same results to the bit (checked on 300 news articles: entities, parse, tags, lemmas),
    but 1.4-2x faster on these machines, where ``blis`` picks a slow kernel. Only the plain
    CPU ops are swapped; a GPU or other backend chosen by the user is left alone.
    """
    if type(get_current_ops()) is NumpyOps:
        set_current_ops(NumpyOps(use_blis=False))


def load(
    model: str | Path | None = None, *, known_entities: bool = True, extract: bool = True
) -> Language:
    """Load the resolved pipeline, add the known names, make its labels the project's and
    (``extract``) append the extractors; ``extract=False`` is the plain parse."""
    resolved = resolve_model(model)
    use_numpy_matmul()
    try:
        nlp = spacy.load(resolved)
    except OSError as exc:  # spaCy's own message is long; keep ours specific
        raise ModelError(f"cannot load spaCy model {resolved}: {exc}") from exc
    if known_entities:
        add_known_entities(nlp)
    return prepare(nlp, extract=extract)


def model_info(nlp: Language) -> dict[str, str]:
    """Name and version of the pipeline, for the manifest."""
    return meta_info(nlp.meta)


def meta_info(meta: dict[str, Any]) -> dict[str, str]:
    """Name and version from a pipeline's ``meta.json`` (loaded or not)."""
    return {
        "name": f"{meta.get('lang', '')}_{meta.get('name', '')}",
        "version": str(meta.get("version", "")),
        "spacy_version": str(meta.get("spacy_version", "")),
    }


def sentence_index(doc: Doc) -> list[int]:
    """Sentence number for every token, so extractors can label spans cheaply."""
    index = [0] * len(doc)
    if not doc.has_annotation("SENT_START"):
        return index
    for i, sent in enumerate(doc.sents):
        for t in range(sent.start, sent.end):
            index[t] = i
    return index
