"""Speakers of statements that have no reporting verb of their own: the main clause's
subject ("De FNV is 'geschokt over de meldingen'") and the lead before a colon ("Jan de
Vries: 'We gaan door'"). Kept apart from ``speakers`` (the phrase around a cue verb),
which both build on.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsclaims.attribution.roles import plural_role
from newsclaims.attribution.speakers import dep_subject, names_someone, speaker_from_tokens
from newsclaims.attribution.types import Speaker
from newsclaims.attribution.view import ArticleView


def subject_speaker(v: ArticleView, s_start: int, s_end: int, until: int) -> Speaker | None:
    """The speaker the main clause's subject names, for a statement in a sentence with no
    reporting verb: "De FNV is 'geschokt over de meldingen'", "Het bestuur kwam met een
    verklaring dat ...". Only a subject that names someone (an entity, a proper name, a
    pronoun, a role or an organisation noun, a person by role: "Zijn advocate", a group
    named by a plural role: "De officieren van justitie") and ends before character
    ``until`` (the statement or its cue noun); "De brief bevat de verklaring dat ..." names
    nobody, and the subject of a clause made passive before the statement ("werden ze
    'eerste hulp bij zielepijn' genoemd") says nothing."""
    if any(v.lower[j] in v.lex.passive and v.idx[j] < until for j in range(s_start, s_end)):
        return None  # (after the statement, "worden" is its own: "... islamitisch te worden")
    root = next((k for k in range(s_start, s_end) if v.toks[k].dep_ == "ROOT"), None)
    subject = dep_subject(v, root) if root is not None else None
    if not subject or subject[-1].idx >= until:
        return None
    spk = speaker_from_tokens(v, subject, subject[0].idx)
    if spk.resolution == "pronoun" or (spk.name is not None and names_someone(v, subject)):
        return spk
    if spk.name is not None and spk.label == "PER":
        return spk  # a person by role: "Zijn advocate omschreef de uitspraak als '…'"
    group = any(t.dep_ == "nsubj" and plural_role(v, t.text) for t in subject)
    return spk if spk.name is not None and group else None


def colon_speaker(v: ArticleView, tokens: list[Token]) -> Speaker:
    spk = speaker_from_tokens(v, tokens, tokens[0].idx)
    if spk.resolution == "explicit":
        return Speaker(spk.name, spk.text, spk.entity_id, "colon", spk.at, spk.label)
    return spk
