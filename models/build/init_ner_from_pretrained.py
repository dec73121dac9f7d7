"""Create an initialised NER pipeline whose internal tok2vec holds pretrained weights.

Why: `spacy pretrain` + `[initialize] init_tok2vec` only work for a standalone tok2vec
component (or a listener). Our NER has its own internal tok2vec (so it can be trained on
CoNLL and sourced into the final pipeline), whose `tok2vec` ref also wraps a projection
layer. So we pretrain an identical standalone tok2vec (pretrain_tok2vec.cfg), then copy
its weights into the NER's inner Tok2Vec here and save the result; `spacy train` then
resumes from it via `--components.ner.source`.

Usage: python models/build/init_ner_from_pretrained.py PRETRAINED.bin OUT_DIR [overrides]
  overrides as for spacy train, e.g. --paths.train X --paths.dev Y --paths.vectors Z
"""

from __future__ import annotations

import sys
from pathlib import Path

from spacy import util
from spacy.cli._util import parse_config_overrides
from spacy.training.initialize import init_nlp

CONFIG = Path(__file__).with_name("ner.cfg")


def main(pretrained: Path, out_dir: Path, overrides: dict[str, object]) -> None:
    """Initialise ner.cfg (labels from the training data), then load pretrained weights."""
    config = util.load_config(CONFIG, overrides=overrides, interpolate=False)
    nlp = init_nlp(config)
    inner = nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0]
    inner.from_bytes(pretrained.read_bytes())
    nlp.to_disk(out_dir)
    print("saved NER base with pretrained tok2vec to", out_dir)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), parse_config_overrides(sys.argv[3:]))
