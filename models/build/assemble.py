"""Assemble the final newsclaims Dutch pipeline from the separately trained halves.

Why: the UD half (shared tok2vec -> morphologizer, tagger, parser) and the NER half
(ner with its own internal tok2vec, trained on CoNLL-2002) are trained separately because
they use different corpora; spaCy can only combine them by sourcing components. The rule
lemmatizer tables come from spacy-lookups-data at build time and are serialised into the
model, so spacy.load() does not need spacy-lookups-data at run time.

Usage: python models/build/assemble.py UD_MODEL NER_MODEL OUT_DIR
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import spacy

META = {
    "lang": "nl",
    "name": "newsclaims_sm",
    "version": "0.2.1",
    "description": (
        "Small Dutch CPU pipeline for the newsclaims project, trained like "
        "nl_core_news_sm 3.8 (tok2vec, morphologizer, tagger, ner, parser, attribute_ruler, "
        "rule lemmatizer; the ner runs before the parser). "
        "Tagger/morphologizer/parser trained on UD Dutch "
        "LassySmall dev+test and Alpino dev; NER trained on CoNLL-2002 Dutch train."
    ),
    "author": "newsclaims team",
    "license": "CC BY-SA 4.0 (UD parts); CoNLL-2002 NER: research use only",
    "sources": [
        {
            "name": "UD Dutch Alpino (dev only; test held out)",
            "url": "https://github.com/UniversalDependencies/UD_Dutch-Alpino",
            "license": "CC BY-SA 4.0",
        },
        {
            "name": "UD Dutch LassySmall (dev + test)",
            "url": "https://github.com/UniversalDependencies/UD_Dutch-LassySmall",
            "license": "CC BY-SA 4.0",
        },
        {
            "name": "CoNLL-2002 Dutch NER (ned.train; ned.testa as dev)",
            "url": "https://www.clips.uantwerpen.be/conll2002/ner/",
            "license": "research use in the context of the shared task; no commercial use",
        },
        {
            "name": "spacy-lookups-data Dutch lemma tables",
            "url": "https://github.com/explosion/spacy-lookups-data",
            "license": "MIT",
        },
    ],
}

# Typographic quotes are frequent in news text but absent from the UD training data
# (which uses ,, and ''), so the statistical tagger is unreliable on them. The quote
# extractor downstream relies on them being punctuation.
QUOTE_CHARS = ["“", "”", "„", "‘", "’", "«", "»", '"', ",,", "''"]


def index_lists_to_dicts(lemmatizer: Any) -> None:
    """Store each ``lemma_index`` entry as a dict instead of a list.

    Why: spacy-lookups-data ships the Dutch index as lists (161k nouns), and the rule
    lemmatizer tests ``form in index`` for every uncached word, which is a linear scan;
    this made the lemmatizer the slowest component (~8k words/s). Dict membership gives
    identical lemmas in O(1) and still serialises with msgpack.
    """
    table = lemmatizer.lookups.get_table("lemma_index")
    for key, forms in list(table.items()):
        table[key] = dict.fromkeys(forms, 1)


def assemble(
    ud_model: Path,
    ner_model: Path,
    out_dir: Path,
    extra_meta: dict | None = None,
) -> None:
    """Combine the two halves and write a self-contained pipeline to out_dir."""
    nlp = spacy.load(ud_model)
    ner_nlp = spacy.load(ner_model)
    if nlp.vocab.vectors.shape != ner_nlp.vocab.vectors.shape:
        sys.exit("UD and NER models were trained with different vectors tables")
    ruler = nlp.add_pipe("attribute_ruler", after="parser")
    ruler.add(patterns=[[{"ORTH": {"IN": QUOTE_CHARS}}]], attrs={"POS": "PUNCT", "TAG": "LET"})
    # The UD treebanks hold no whitespace tokens, so the tagger guesses one for a paragraph
    # break ("\n\n" as NOUN: "De stand is 114\n\n" counted "\n\n"s); spaCy's own Dutch
    # pipelines tag them SPACE, and so does this one.
    ruler.add(patterns=[[{"IS_SPACE": True}]], attrs={"POS": "SPACE", "TAG": "_SP"})
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"}, after="attribute_ruler")
    lemmatizer.initialize()
    index_lists_to_dicts(lemmatizer)
    # NER runs before the parser: spaCy's NER never lets an entity cross a sentence start,
    # so after the parser every wrong sentence split (e.g. after an initial, "J. de Vries")
    # also cuts an entity. With the 0.1.0 weights, ned.testa F1 was 76.17 before, 75.32 after.
    nlp.add_pipe("ner", source=ner_nlp, before="parser")
    meta = dict(META)
    meta.update(extra_meta or {})
    nlp.meta.update(meta)
    # The UD half's dev scores would be mistaken for the pipeline's test scores; the
    # held-out scorecard lives in models/README.md (pipeline/modeleval.py).
    nlp.meta.pop("performance", None)
    tmp = out_dir.parent / (out_dir.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    # Round-trip check before replacing the live model: it must load and run.
    check = spacy.load(tmp)
    doc = check("Premier Rutte zei dinsdag in Den Haag dat 12 procent meer geld nodig is.")
    assert doc.has_annotation("DEP") and doc.has_annotation("POS")
    print([(t.text, t.pos_, t.lemma_, t.dep_) for t in doc])
    print([(e.text, e.label_) for e in doc.ents])
    if out_dir.exists():
        shutil.rmtree(out_dir)
    tmp.rename(out_dir)
    print("wrote", out_dir, "pipeline:", check.pipe_names)


if __name__ == "__main__":
    assemble(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
