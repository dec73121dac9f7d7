"""Continuation: a quote without attribution continues the previous speaker (spec §3).

Who said an unattributed quote is the first answer of ``CONTINUATION_RULES``, an ordered
tuple of small pure rules ``(view, quote, state) -> Speaker | None``; the order is the
precedence. Speech acts that introduce no quote of their own ("X legt uit wat ...") still
make X the current speaker; pronoun speakers are resolved against the speakers seen so far.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from newsclaims import lexicon
from newsclaims.attribution.anaphora import (
    group_subject_before,
    named_in_statement,
    phrase_head,
    resolve_anaphor,
    subject_words,
)
from newsclaims.attribution.speakers import verb_speaker
from newsclaims.attribution.types import NO_SPEAKER, Attribution, Found, Speaker, covered
from newsclaims.attribution.view import ArticleView
from newsclaims.entities import ArticleEntity
from newsclaims.entities.names import demonyms
from newsclaims.plurals import singular_candidates


def speech_events(v: ArticleView, found: list[Found]) -> list[Found]:
    """Reporting verbs that introduce no quote of their own ("X legt uit wat ...", "X zegt:")
    still make X the current speaker for the quote paragraph that follows."""
    events = []
    for k in sorted(v.cue_tokens):
        tok = v.toks[k]
        if v.in_quote(tok.idx) or covered(found, tok.idx, tok.idx + len(tok.text)):
            continue
        s_start, s_end = v.sentence_of_token(k)
        first, last = v.toks[s_start].idx, v.toks[s_end - 1].idx
        if any(first <= qs <= last for qs, _ in v.quoted):
            continue  # the quote in this sentence already has its attribution
        if any(_attributed_here(f, v.cue_tokens[k], first, last) for f in found):
            continue  # so has its statement ("De onrust heeft Stam niet geholpen, meent X")
        if passive(v, k, s_start, s_end):
            continue  # "Dreamers, worden ze genoemd": the subject did not say it
        spk = verb_speaker(v, k, s_start, s_end)
        if _can_speak(v, spk) or spk.resolution == "pronoun":
            events.append(Found(tok.idx, tok.idx, "event", Attribution(v.cue_tokens[k], spk)))
    return events


def _attributed_here(f: Found, cue: str, first: int, last: int) -> bool:
    """A statement of the sentence (characters ``first`` to ``last``) that the cue already
    gives a speaker: the cue is no event of its own, whose subject word order may misread
    ("…, meent Frank Snoeks" read from before the verb)."""
    attr = f.attribution
    return (
        attr is not None
        and attr.cue == cue
        and attr.speaker.name is not None
        and first <= f.start <= last
    )


def _can_speak(v: ArticleView, spk: Speaker) -> bool:
    """An event's subject that can be a speaker: a name, a role or organisation noun, or a
    phrase that names someone ("De moeder van Uriël"); not a thing ("De blessure komt
    overeen met ...", "Het seizoen gaat uit als een nachtkaars")."""
    if spk.name is None:
        return False
    if spk.label is not None or spk.entity_id is not None:
        return True
    text = spk.text or ""
    return spk.at >= 0 and v.mention_in(spk.at, spk.at + len(text)) is not None


def passive(v: ArticleView, k: int, s_start: int, s_end: int) -> bool:
    """Whether the cue at ``k`` is a passive participle: "Op borden worden de rijtijden
    aangegeven", "Dreamers, worden ze genoemd" name what is said, not who says it."""
    low = v.lower[k]
    participle = low.startswith("ge") or "ge" in low[2:5] or low.endswith(("d", "t"))
    if not participle or v.lower[k] in ("zegt", "meldt", "vindt", "denkt", "stelt"):
        return False
    return any(v.lower[j] in v.lex.passive for j in range(s_start, s_end)) and not any(
        v.lower[j] == "door" for j in range(k + 1, s_end)
    )


def _sentence_right_before(v: ArticleView, f: Found) -> tuple[int, int] | None:
    """The token range of the sentence that ends right before the quote ``f`` (nothing but
    marks and spaces between), if it has no quote and no cue of its own."""
    k = bisect_right(v.sent_starts, v.token_at(f.start)) - 1
    while k >= 0 and (
        v.end_char(v.sents[k][1] - 1) >= f.start
        or not any(v.words[j][:1].isalnum() for j in range(*v.sents[k]))
    ):
        k -= 1  # back to the last sentence with words that ends before the quote
    if k < 0:
        return None
    s_start, s_end = v.sents[k]
    if s_end <= s_start or any(ch.isalnum() for ch in v.text[v.end_char(s_end - 1) : f.start]):
        return None
    a, b = v.idx[s_start], v.end_char(s_end - 1)
    if any(qs < b and a < qe for qs, qe in v.quoted) or any(
        j in v.cue_tokens for j in range(s_start, s_end)
    ):
        return None  # a cue is an event of its own
    return s_start, s_end


def introduced_by(v: ArticleView, f: Found) -> ArticleEntity | None:
    """The person named in the sentence right before an unattributed quote (the first of
    several): 'Ook Eva de Wit van de Turingschool is geen voorstander. "Dan wordt er alleen
    nog geoefend."' - the quote is hers, not the previous speaker's."""
    found = _sentence_right_before(v, f)
    if found is None:
        return None
    s_start, s_end = found
    a, b = v.idx[s_start], v.end_char(s_end - 1)
    if any(v.lower[j] in v.lex.pronouns for j in range(s_start, s_end)):
        return None  # "die hij liet liquideren": still him
    people = {
        ent.entity_id: ent
        for m_start, _, ent in v.mentions
        if a <= m_start < b and ent is not None and ent.label == "PER"
    }
    return next(iter(people.values()), None)  # of several, the first: usually the subject


@dataclass
class State:
    """What the continuation rules know at a quote: the quotes of the article in order, the
    last speaker (and its paragraph), every named speaker so far."""

    found: list[Found]
    last: Speaker | None = None
    last_para: int = -10
    history: list[Speaker] = field(default_factory=list)
    last_direct: Speaker | None = None  # the speaker of the last direct quote
    interview: bool | None = None  # ``is_interview``, worked out once


ContinuationRule = Callable[[ArticleView, Found, State], Speaker | None]


def _continued(ent: ArticleEntity | Speaker) -> Speaker:
    """The speaker of a continued quote: the name and entity id, resolved by continuation."""
    return Speaker(ent.name, None, ent.entity_id, "continuation", label=ent.label)


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def repeated_headline(v: ArticleView, f: Found, state: State) -> Speaker | None:
    """A headline quote ("'We zijn er nog niet'") is said by the speaker of the later quote
    that repeats it ("Dit is een stap, maar we zijn er nog niet", aldus Knegt); otherwise a
    headline continues nobody."""
    if not f.headline:
        return None
    return _repeating_speaker(v, f, state) or NO_SPEAKER


def _repeating_speaker(v: ArticleView, f: Found, state: State) -> Speaker | None:
    """The speaker of the first later attributed quote whose words contain all of ``f``'s."""
    later = [(g, g.attribution.speaker) for g in state.found if g.attribution is not None]
    return _repeated_by(v, f, later)


def _repeated_by(v: ArticleView, f: Found, later: list[tuple[Found, Speaker]]) -> Speaker | None:
    """The speaker of the first quote of ``later`` after ``f`` that repeats all of its words."""
    words = _norm(v.text[f.start : f.end])
    for g, spk in later:
        if g.start <= f.end or g.kind not in ("direct", "partial") or spk.name is None:
            continue
        if words and f" {words} " in f" {_norm(v.text[g.start : g.end])} ":
            return _continued(spk)
    return None


LEAD_REPEAT_WORDS = 6  # a repeated lead quote is a sentence, not a term the article cites


def repeated_leads(v: ArticleView, out: list[tuple[Found, Attribution]]) -> None:
    """After continuation (in place): a direct quote before any speaker that a later quote
    repeats is that quote's speaker's, however the later one was attributed. The intro
    pulls a line from the interview (',,Ik hoop dat we op tijd zijn.'' ... ,,Persoonlijk maak
    ik me zorgen. Ik hoop dat we op tijd zijn.'', zegt Velvis); not a cited term of a few
    words ('Goedemorgen deze morgen')."""
    later = [(f, attr.speaker) for f, attr in out]
    for k, (f, attr) in enumerate(out):
        if attr.speaker.name is not None:
            break  # past the first speaker: no lead any more
        if (
            f.kind != "direct"
            or f.depth > 0
            or len(_norm(v.text[f.start : f.end]).split()) < LEAD_REPEAT_WORDS
        ):
            continue
        spk = _repeated_by(v, f, later)
        if spk is not None:
            out[k] = (f, Attribution(attr.cue, spk))


def introduced_before(v: ArticleView, f: Found, state: State) -> Speaker | None:
    """'Ook Eva de Wit van de Turingschool is geen voorstander. "Dan wordt er alleen nog
    geoefend."': the one person named in the sentence right before is the speaker."""
    if f.attribution is not None or f.kind != "direct":
        return None
    ent = introduced_by(v, f)
    return _continued(ent) if ent is not None else None


def introduced_group(v: ArticleView, f: Found, state: State) -> Speaker | None:
    """'Personeelsleden van azc's voelen zich niet veilig. Ze worden bedreigd. ,,Het waren
    incidenten ...': a quote right after a sentence whose subject is a group (a plural
    noun, or a plural "ze" standing for one) is said by that group."""
    if f.attribution is not None or f.kind != "direct" or not v.has_pos:
        return None
    found = _sentence_right_before(v, f)
    if found is None:
        return None
    s_start, s_end = found
    words = [j for j in range(s_start, s_end) if not v.is_space[j]]
    if v.words[words[-1]] == "?":
        return None  # the interviewer's question: its subject does not answer it
    verb = next((n for n, j in enumerate(words) if v.verbal_at(j)), None)
    if not verb or not (v.lower[words[verb]].endswith("en") or v.lower[words[verb]] == "zijn"):
        return None  # no finite plural verb after a subject
    subject = subject_words(v, words[:verb])
    if len(subject) == 1 and v.lower[subject[0]] in ("ze", "zij"):
        group = group_subject_before(v, v.idx[s_start])
        if group is None or group.label is not None or group.name is None:
            return None
        head = group.head or group.name.split()[-1].lower()
        return _continued(group) if _people(v, head) else None
    if not subject or v.mention_in(v.idx[subject[0]], v.end_char(subject[-1])) is not None:
        return None
    head = phrase_head(v, subject)
    if v.pos[head] != "NOUN" or not _people(v, v.lower[head]):
        return None
    kept = [j for j in subject if v.lower[j] not in v.lex.determiners]
    name = v.text[v.idx[kept[0]] : v.end_char(kept[-1])]
    return Speaker(name, None, None, "continuation")


def _people(v: ArticleView, plural: str) -> bool:
    """A plural noun of people who speak: "omwonenden", "personeelsleden", "boeren"
    (``person_groups.txt`` or a role), "Venezolanen" (a place's people), not things
    ("reacties", "peilingen")."""
    if not plural.endswith(("en", "s")):
        return False
    groups = lexicon.words("person_groups.txt")
    tail = plural.rsplit("-", 1)[-1]
    people = demonyms()  # "Venezolanen", a place's people
    return any(s in groups or s in v.lex.roles or s in people for s in singular_candidates(tail))


def introduced_after(v: ArticleView, f: Found, state: State) -> Speaker | None:
    """'"Echt belachelijk, die motoren." In niet mis te verstane woorden maakt Jan Smit
    duidelijk wat hij vindt.': a quote opening the article, before any speaker, is said by
    the one person the next sentence names."""
    if state.last is not None or state.history or f.attribution is not None:
        return None
    if f.kind != "direct" or v.text[: f.start].strip(" \n\"'“”„‘’,"):
        return None
    k = bisect_right(v.sent_starts, v.token_at(max(f.end - 1, 0))) - 1
    last = v.sents[k][1] - 1 if k >= 0 else -1
    while last > 0 and (v.is_space[last] or v.is_mark[last]):
        last -= 1
    if k < 0 or v.end_char(last) <= f.end + 2:
        k += 1  # the quote ends its sentence: the next one
    if k >= len(v.sents) or v.para_of(v.idx[v.sents[k][0]]) > v.para_of(f.start) + 1:
        return None
    a, b = max(f.end, v.idx[v.sents[k][0]]), v.end_char(v.sents[k][1] - 1)
    people = {
        ent.entity_id: ent
        for m_start, _, ent in v.mentions
        if a <= m_start < b
        and ent is not None
        and ent.label == "PER"
        and not any(q.start <= m_start < q.end for q in v.scanned)
    }
    return _continued(next(iter(people.values()))) if len(people) == 1 else None


INTERVIEW_ANSWERS = 2  # direct quotes right after a question that make an interview


def _after_question(v: ArticleView, f: Found) -> bool:
    """The quote opens right after a question of the article's own text ("Heeft u geoefend?
    ,,Ja, dat hoort erbij.''"), not after a quoted one."""
    before = v.text[: f.start].rstrip(" \n\"'“”„‘’,")
    return before.endswith("?") and not v.in_quote(len(before) - 1)


def is_interview(v: ArticleView, state: State) -> bool:
    """Whether the article is an interview: at least ``INTERVIEW_ANSWERS`` direct quotes
    answer a question of the text."""
    if state.interview is None:
        answers = sum(
            1 for g in state.found if g.kind == "direct" and g.depth == 0 and _after_question(v, g)
        )
        state.interview = answers >= INTERVIEW_ANSWERS
    return state.interview


def interview_answer(v: ArticleView, f: Found, state: State) -> Speaker | None:
    """In an interview an unattributed answer is the interviewee's, the speaker of the last
    direct quote, whoever the interviewer's own sentences report or name: "U zegt dat
    verdringing niet is aangetoond. Maar in 2011 oordeelde een Kamercommissie dat ...
    ,,We hebben problemen rond huisvesting onderschat.''" is still Jetten's: an answer right
    after a question, or after a group or organisation the interviewer's text reports. An
    interviewee is a person (a party the first quote went to is none); a person the text
    names as speaking since then speaks ("Dat gebeurt niet, zegt Huibers. ,,...''")."""
    last = state.last_direct
    if f.attribution is not None or f.kind != "direct" or last is None or last.label != "PER":
        return None  # an interviewee is a person
    reported = state.last is not None and state.last.label != "PER"
    if not (reported or _after_question(v, f)):
        return None  # "Dat gebeurt niet, zegt Huibers. ,,De objecten ...'': Huibers's
    return _continued(last) if is_interview(v, state) else None


def previous_speaker(v: ArticleView, f: Found, state: State) -> Speaker | None:
    """'"…", zegt Jan Smit. "En dan nog iets."': a quote paragraph with no attribution
    continues the last speaker, for up to six paragraphs."""
    if state.last is None or v.para_of(f.start) - state.last_para > 6:
        return None
    return _continued(state.last)


CONTINUATION_RULES: tuple[ContinuationRule, ...] = (
    repeated_headline,
    interview_answer,
    introduced_before,
    introduced_group,
    introduced_after,
    previous_speaker,
)


def resolve_continuations(v: ArticleView, found: list[Found]) -> list[tuple[Found, Attribution]]:
    """Quotes without attribution continue the previous speaker (spec §3)."""
    out: list[tuple[Found, Attribution]] = []
    spans = [(f.start, f.end) for f in found]
    state = State(sorted(found, key=lambda f: (f.start, f.depth)))
    items = found + speech_events(v, found)
    for f in sorted(items, key=lambda f: (f.start, f.depth)):
        para = v.para_of(f.start)
        attr = f.attribution
        if f.kind == "event":
            assert attr is not None
            spk = attr.speaker
            if spk.name is None:
                spk = resolve_anaphor(v, spk, state.history, spans)
            if spk.name is not None:
                state.history.append(spk)
                state.last, state.last_para = spk, para
            continue
        if f.depth > 0:
            out.append((f, attr or Attribution(None, NO_SPEAKER)))
            continue
        if attr is not None and attr.speaker.resolution == "pronoun" and attr.speaker.name is None:
            spk = resolve_anaphor(v, attr.speaker, state.history, spans)
            if spk.name is None:
                spk = named_in_statement(v, attr.speaker, f.start, f.end) or spk
            attr = Attribution(attr.cue, spk)
        if attr is not None and attr.speaker.name is not None and attr.speaker.at >= 0:
            state.history.append(attr.speaker)
        if attr is None or (attr.speaker.name is None and attr.speaker.resolution is None):
            spk = next(
                (s for rule in CONTINUATION_RULES if (s := rule(v, f, state)) is not None),
                NO_SPEAKER,
            )
            attr = Attribution(attr.cue if attr else None, spk)
        if attr.speaker.name is not None and not f.headline and f.sticky:
            state.last = attr.speaker
            state.last_para = para
            if f.kind == "direct":
                state.last_direct = attr.speaker
        out.append((f, attr))
    repeated_leads(v, out)
    return out
