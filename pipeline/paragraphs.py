"""Paragraph-aware sentences: a blank line, or a line break after a heading, ends a sentence.

News bodies come with paragraphs separated by blank lines, and with subheadings and
captions on lines of their own ("Geen akkoord" then the next paragraph). The statistical
parser often glues such a line onto the next sentence, which moves sentence indexes,
quote spans and claim sources. This component runs before the parser (and the NER, which
never lets an entity cross a sentence start) and marks the first token after such a break
as a sentence start; the parser respects preset starts and decides the rest. Character
offsets are untouched: only ``token.is_sent_start`` is set.

Why a line break alone counts only after a line without final punctuation and before a
capital, digit or quotation mark: hard-wrapped text breaks lines mid-sentence, and there
the next line goes on in lower case ("... de minister\nzei gisteren ..."), while a heading
("Geen akkoord\nHet kabinet ...") is followed by a new sentence.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

PARAGRAPHS = "newsclaims_paragraphs"
_FINAL = frozenset(".!?:;…\"'”’»)")
_OPENERS = frozenset("\"'“‘„«(-–—•")
_NOT_START = np.uint64(2**64 - 1)  # -1 as ``to_array`` gives it: "no sentence start here"


def _blank_line(space: str) -> bool:
    """ "\\n\\n" or "\\n  \\n": white space holding two line breaks is a paragraph break."""
    return space.count("\n") >= 2


def _starts_sentence(tok: Token) -> bool:
    """A line that begins with a capital, a digit or an opening mark: "Het", "2019", "„We"."""
    first = tok.text[0]
    return first.isupper() or first.isdigit() or first in _OPENERS


def break_before(doc: Doc, i: int) -> bool:
    """Does a paragraph or heading break stand just before token ``i``?

    "Eerste alinea.\\n\\nTweede" -> yes (blank line); "Geen akkoord\\nHet kabinet" -> yes
    (a heading: no final punctuation, capital after); "de minister\\nzei" -> no.
    """
    if i == 0 or doc[i].is_space:
        return False
    j = i - 1
    space = ""
    while j >= 0 and doc[j].is_space:
        space = doc[j].text + space
        j -= 1
    if j < 0:
        return False
    space = doc[j].whitespace_ + space
    if "\n" not in space:
        return False
    if _blank_line(space):
        return True
    return doc[j].text[-1] not in _FINAL and _starts_sentence(doc[i])


def mark_paragraphs(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token after every paragraph or heading break.

    The white space of the break stays with the sentence before it (it is no sentence of
    its own), so sentence spans still tile the text as the parser's would.
    """
    n = len(doc)
    if n < 2:
        return doc
    # Line breaks live in white-space tokens of their own (spaCy keeps a single space as a
    # token's trailing white space, anything else as a token), so only those are visited:
    # ``doc.text`` or walking every token would make a ``Token`` per token, which cost more
    # than the rest of the step.
    cols = doc.to_array([IS_SPACE, ORTH, SENT_START])
    strings = doc.vocab.strings
    starts = cols[:, 2].copy()
    breaks = [
        i
        for i in np.flatnonzero(cols[: n - 1, 0]).tolist()
        if "\n" in strings[int(cols[i, 1])] and break_before(doc, i + 1)
    ]
    if not breaks:
        return doc
    if doc.has_annotation("DEP"):  # spaCy's own error (E043): a parse fixes the sentences
        doc[breaks[0] + 1].is_sent_start = True
    for i in breaks:
        if i > 0:
            starts[i] = _NOT_START
        starts[i + 1] = 1
    # One write for the doc: the ``is_sent_start`` setter scans every token each time.
    doc.from_array([SENT_START], starts)
    return doc


@Language.factory(PARAGRAPHS, assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The component (a factory, so the ``spacy_factories`` entry point can name it)."""
    return mark_paragraphs


def add_paragraphs(nlp: Language) -> Language:
    """Put the paragraph step before the NER and the parser (which respect preset starts),
    or after a rule-based ``sentencizer`` (which would overwrite them), once."""
    if PARAGRAPHS in nlp.pipe_names:
        return nlp
    factories = {name: nlp.get_pipe_meta(name).factory for name in nlp.pipe_names}
    for name, factory in factories.items():
        if factory in ("parser", "beam_parser", "senter", "ner", "beam_ner"):
            nlp.add_pipe(PARAGRAPHS, before=name)
            return nlp
    rule_based = [name for name, factory in factories.items() if factory == "sentencizer"]
    nlp.add_pipe(PARAGRAPHS, **({"after": rule_based[-1]} if rule_based else {"last": True}))
    return nlp
