"""Dutch plural nouns to their singular: the candidates the spelling rules allow, and the one
the shared news attests (``plurals_build`` picks it; ``lexicon/plurals.tsv`` keeps it). Used
for a claim's unit and to tell a demonym's plural ("Venezolanen") from a name.

Why by hand: the unit of a claim is the lemma of the counted noun (spec §2), and the small
model's lemmatizer leaves capitalised plurals alone ("Venezolanen", "Mercedessen") and
strips endings blindly ("raceronden" -> "racerond", "pillen" -> "pill"). Dutch plural
spelling is regular enough to list what a singular can be: strip "-en" and undo the
doubled consonant ("pillen" -> "pil") or the open syllable ("Venezolanen" ->
"Venezolaan"), strip only "-n" ("raceronden" -> "raceronde"), "-s" or "-'s" ("Ferrari's"
-> "Ferrari"). Which candidate is the word cannot be told from the spelling ("banen":
"baan", not "ban"); the news corpus can, by how often each is written.
"""

from __future__ import annotations

from functools import cache

from newsclaims import lexicon

_VOWELS = frozenset("aeiouy")
_LENGTHEN = frozenset("aeou")  # a single one of these closes into a double one: "jaar"


def singular_candidates(plural: str) -> list[str]:
    """What a lowercase plural's singular can be, most specific rule first.

    "pillen" -> [..., "pil"], "venezolanen" -> [..., "venezolaan"], "raceronden" ->
    ["racerond", "raceronde"], "mogelijkheden" -> ["mogelijkheid", ...], "ferrari's" ->
    ["ferrari"], "tinkerbells" -> ["tinkerbell"]. Empty for a word with no plural ending.
    """
    w = plural
    out = [
        w[: len(w) - len(ending)] + singular
        for ending, singular in lexicon.pairs("irregular_plurals.tsv")
        if w.endswith(ending)
    ]  # "mogelijkheden" -> "mogelijkheid", "Kamerleden" -> "Kamerlid"
    if w.endswith(("'s", "’s")):
        out.append(w[:-2])
    elif w.endswith("ën"):
        out.append(w[:-2])  # "zeeën" -> "zee", "ideeën" -> "idee"
    elif w.endswith("en") and len(w) > 3:
        stem = w[:-2]
        out.append(stem)
        if stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
            out.append(stem[:-1])  # "pillen" -> "pil", "mercedessen" -> "mercedes"
        soft = stem[:-1] + {"v": "f", "z": "s"}.get(stem[-1], stem[-1])
        if soft != stem:
            out.append(soft)  # "brieven" -> "brief", "huizen" -> "huis"
        for tail in dict.fromkeys((stem, soft)):
            if (
                len(tail) > 2
                and tail[-2] in _LENGTHEN
                and tail[-3] not in _VOWELS
                and tail[-1] not in _VOWELS
            ):
                out.append(tail[:-1] + tail[-2] + tail[-1])  # "jaren" -> "jaar", "graaf"
        out.append(w[:-1])  # "raceronden" -> "raceronde", "jongeren" -> "jongere"
    elif w.endswith("s") and len(w) > 3 and not w.endswith("ss"):
        out.append(w[:-1])  # "strijders" -> "strijder", "tinkerbells" -> "tinkerbell"
    return list(dict.fromkeys(c for c in out if len(c) > 1 and c != w))


@cache
def _table() -> dict[str, tuple[str, ...]]:
    return {plural: tuple(found.split()) for plural, found in lexicon.pairs("plurals.tsv")}


def written_singulars(plural: str) -> tuple[str, ...]:
    """The singulars the news writes for the lowercase ``plural``, most written first."""
    return _table().get(plural, ())


def attested_singular(plural: str, model_lemma: str | None = None) -> str | None:
    """The singular the news writes for the lowercase ``plural``, where the model's lemma is
    none: the plural itself ("venezolanen") or a spelling candidate the news does not
    write ("racerond", "pill"). None (keep the model's lemma) when the plural was not
    seen, the lemma is a singular the news writes ("weekeind" beside "weekeinde"), or it
    is no spelling candidate at all (the model knows an irregular form)."""
    found = _table().get(plural)
    if found is None:
        return None
    if model_lemma is None or model_lemma == plural:
        return found[0]
    if model_lemma in found or model_lemma not in singular_candidates(plural):
        return None
    return found[0]
