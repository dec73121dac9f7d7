"""Name strings: folding, ids, titles, and trimming a mention down to the name itself.

Pure functions on strings and spaCy spans; the clustering and labelling live beside this.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from spacy.tokens import Doc, Span

from newsclaims import lexicon
from newsclaims.nlp import known_names

_DEMONYM = re.compile(r"^[A-Z][a-zäëïöüé]+(?:se|sche)$")
_EDGE_PUNCT = "\"'“”„‘’‚«»()[]{}.,;:!?"
_COMMON_POS = frozenset({"NOUN", "ADJ", "VERB", "ADV", "ADP", "PRON", "DET", "AUX", "NUM"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive key, so "Erdoğan" and "erdogan" are one name."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().replace("’", "'").split())


def entity_id_for(key: str) -> str:
    """Stable id from a folded canonical key: same name, same id, in every run."""
    return "E" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=32768)
def is_title(word: str) -> bool:
    """A role or title word, also as the head of a compound.

    "Boerenvoorman", "legerleider" and "SP-Kamerlid" are titles: the part after the last
    hyphen, or a long compound ending in a listed title, counts.
    """
    low = word.lower().rsplit("-", 1)[-1] if "-" in word[1:] else word.lower()
    titles = lexicon.words("titles.txt")
    return (
        low in titles
        or word.lower() in titles
        or (len(low) > 8 and any(low.endswith(t) for t in titles if len(t) >= 5 and t.isalpha()))
    )


def clean_name(text: str) -> str:
    """Strip titles, roles, possessives and stray punctuation from a mention's text."""
    initial = re.search(r"(?:^|\s)[A-Z]\.$", text.strip())  # "Melanie B." keeps its stop
    tokens = text.strip().strip(_EDGE_PUNCT).split()
    last_title = max((i for i, t in enumerate(tokens[:-1]) if is_title(t)), default=-1)
    tokens = tokens[last_title + 1 :]
    while len(tokens) > 1 and tokens[0][:1].islower():
        tokens.pop(0)
    if not tokens:
        return ""
    last = tokens[-1]
    for suffix in ("'s", "’s", "'", "’"):
        if last.endswith(suffix) and len(last) > len(suffix) + 1:
            tokens[-1] = last[: -len(suffix)]
            break
    if len(tokens[-1]) > 1 and tokens[-1].endswith("-"):
        tokens[-1] = tokens[-1].rstrip("-")  # "PvdA- en SP-kiezers" -> "PvdA"
    return " ".join(tokens).strip(_EDGE_PUNCT) + ("." if initial and len(tokens) > 1 else "")


def named_part(name: str) -> str:
    """The named part of a hyphenated compound: "IS-strijders" -> "IS", "YPG-militie" -> "YPG"."""
    head, sep, tail = name.rpartition("-")
    if sep and head and tail[:1].islower() and not head.endswith(" "):
        return head
    return name


def is_compound_modifier(text: str) -> bool:
    """A name glued to a lowercase head, used as a modifier: "Apple-topman", "FNV-bestuurder"."""
    return named_part(text) != text


def _sentence_initial(doc: Doc, i: int) -> bool:
    tok = doc[i]
    return bool(tok.is_sent_start or i == 0 or doc[i - 1].is_punct or "\n" in doc[i - 1].text)


def glued_common_word(doc: Doc, start: int, end: int) -> bool:
    """A capitalised common word opening a sentence, glued to the name after it.

    "Superstart Hamilton", "Voormalige PvdA-": the tagger calls the first word a noun or
    adjective and the rest of the span proper nouns, so the first word is not part of it.
    """
    if end - start < 2 or not doc.has_annotation("POS") or not _sentence_initial(doc, start):
        return False
    first = doc[start]
    rest = doc[start + 1 : end]
    return (
        first.pos_ in {"NOUN", "ADJ", "VERB", "ADV"}
        and not first.text.isupper()
        and not _DEMONYM.match(first.text)
        and doc[start:end].text not in known_names()
        and all(t.text[:1].isupper() for t in rest)
    )


def trim_span(span: Span) -> Span:
    """Drop titles, lowercase words, glued common words and compound modifiers at the edges.

    "de Iraakse premier Adel Abdul-Mahdi" -> "Adel Abdul-Mahdi"; "Iger Apple-topman" ->
    "Iger"; "Superstart Hamilton" -> "Hamilton".
    """
    doc = span.doc
    start = span.start
    titled = [t.i for t in span[:-1] if is_title(t.text)]
    if titled:
        start = titled[-1] + 1
    while start < span.end - 1 and (doc[start].text[:1].islower() or doc[start].is_punct):
        start += 1
    if glued_common_word(doc, start, span.end):
        start += 1
    particles = lexicon.words("name_particles.txt")
    end = next(
        (
            i
            for i in range(start + 1, span.end)
            if (
                doc[i].text[:1].islower()
                and doc[i].lower_.split("-")[0] not in particles
                and not doc[i - 1].text.endswith("-")
            )
            or (is_compound_modifier(doc[i].text) and not doc[i - 1].text.endswith("-"))
        ),
        span.end,
    )
    while end > start + 1 and (
        (doc[end - 1].is_punct and doc[end - 1].text != ".") or doc[end - 1].lower_ in particles
    ):
        end -= 1
    if (
        end - start == 2
        and _DEMONYM.match(doc[start].text)
        and named_part(doc[start + 1].text).isupper()
    ):
        start += 1  # "Koerdische YPG" -> "YPG"; "Syrische Democratische Strijdkrachten" stays
    return Span(doc, start, end, label=span.label_)


def capitalised_common_word(span: Span) -> bool:
    """A lone sentence-initial word the tagger calls a common word ("Patrouilles", "God").

    Capitals at the start of a sentence make the NER see names everywhere; when the
    tagger says the only word is not a proper noun, the NER is more likely wrong.
    Names in the gazetteer or alias table are never dropped here.
    """
    if len(span) != 1 or not span.doc.has_annotation("POS") or span.text in known_names():
        return False
    tok = span[0]
    at_start = tok.is_sent_start or tok.i == 0 or tok.nbor(-1).is_punct
    return bool(at_start and tok.pos_ in _COMMON_POS and not tok.text.isupper())
