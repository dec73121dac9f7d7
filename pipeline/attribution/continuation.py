"""Continuation: a quote without attribution continues the previous speaker (spec §3).

Speech acts that introduce no quote of their own ("X legt uit wat ...") still make X the
current speaker; pronoun speakers are resolved against the speakers seen so far.
"""

from __future__ import annotations

from bisect import bisect_right

from newsclaims.attribution.anaphora import resolve_anaphor
from newsclaims.attribution.speakers import verb_speaker
from newsclaims.attribution.types import NO_SPEAKER, Attribution, Found, Speaker, covered
from newsclaims.attribution.view import ArticleView
from newsclaims.entities import ArticleEntity


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
        if passive(v, k, s_start, s_end):
            continue  # "Dreamers, worden ze genoemd": the subject did not say it
        spk = verb_speaker(v, k, s_start, s_end)
        if spk.name is not None or spk.resolution == "pronoun":
            events.append(Found(tok.idx, tok.idx, "event", Attribution(v.cue_tokens[k], spk)))
    return events


_WORDEN = frozenset({"word", "wordt", "worden", "werd", "werden"})


def passive(v: ArticleView, k: int, s_start: int, s_end: int) -> bool:
    """Whether the cue at ``k`` is a passive participle: "Op borden worden de rijtijden
    aangegeven", "Dreamers, worden ze genoemd" name what is said, not who says it."""
    low = v.lower[k]
    participle = low.startswith("ge") or "ge" in low[2:5] or low.endswith(("d", "t"))
    if not participle or v.lower[k] in ("zegt", "meldt", "vindt", "denkt", "stelt"):
        return False
    return any(v.lower[j] in _WORDEN for j in range(s_start, s_end)) and not any(
        v.lower[j] == "door" for j in range(k + 1, s_end)
    )


def introduced_by(v: ArticleView, f: Found) -> ArticleEntity | None:
    """The one person named in the sentence right before an unattributed quote: 'Ook Eva de
    Wit van de Turingschool is geen voorstander. "Dan wordt er alleen nog geoefend."' - the
    quote is hers, not the previous speaker's."""
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
        j in v.cue_tokens or v.lower[j] in v.lex.pronouns for j in range(s_start, s_end)
    ):
        return None  # a cue is an event of its own; "die hij liet liquideren": still him
    people = {
        ent.entity_id: ent
        for m_start, _, ent in v.mentions
        if a <= m_start < b and ent is not None and ent.label == "PER"
    }
    return next(iter(people.values())) if len(people) == 1 else None


def resolve_continuations(v: ArticleView, found: list[Found]) -> list[tuple[Found, Attribution]]:
    """Quotes without attribution continue the previous speaker (spec §3)."""
    out: list[tuple[Found, Attribution]] = []
    last: Speaker | None = None
    last_para = -10
    history: list[Speaker] = []
    spans = [(f.start, f.end) for f in found]
    items = found + speech_events(v, found)
    for f in sorted(items, key=lambda f: (f.start, f.depth)):
        para = v.para_of(f.start)
        attr = f.attribution
        if f.kind == "event":
            assert attr is not None
            spk = attr.speaker
            if spk.name is None:
                spk = resolve_anaphor(v, spk, history, spans)
            if spk.name is not None:
                history.append(spk)
                last, last_para = spk, para
            continue
        if f.depth > 0:
            out.append((f, attr or Attribution(None, NO_SPEAKER)))
            continue
        if attr is not None and attr.speaker.resolution == "pronoun" and attr.speaker.name is None:
            attr = Attribution(attr.cue, resolve_anaphor(v, attr.speaker, history, spans))
        if attr is not None and attr.speaker.name is not None and attr.speaker.at >= 0:
            history.append(attr.speaker)
        intro = introduced_by(v, f) if attr is None and f.kind == "direct" else None
        if intro is not None and not f.headline:
            attr = Attribution(None, Speaker(intro.name, None, intro.entity_id, "continuation"))
        if attr is None or (attr.speaker.name is None and attr.speaker.resolution is None):
            if f.headline or last is None or para - last_para > 6:
                attr = Attribution(attr.cue if attr else None, NO_SPEAKER)
            else:
                attr = Attribution(
                    attr.cue if attr else None,
                    Speaker(last.name, None, last.entity_id, "continuation"),
                )
        if attr.speaker.name is not None and not f.headline and f.sticky:
            last = attr.speaker
            last_para = para
        out.append((f, attr))
    return out
