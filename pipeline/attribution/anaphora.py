"""Pronouns and role nouns ("hij", "zij", "de woordvoerder") resolved to an earlier speaker
or entity mention of the article: the same-paragraph speaker first, then the nearest
type-compatible mention, then a run of proper nouns the NER missed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import pairwise

from spacy.tokens import Token

from newsclaims.attribution.types import Speaker
from newsclaims.attribution.view import ArticleView
from newsclaims.entities import ArticleEntities, ArticleEntity, clean_name


def last_person_before(entities: ArticleEntities, before: int) -> ArticleEntity | None:
    """ "hij"/"zij" as the source of a number: the person mentioned last before that point."""
    best: tuple[int, ArticleEntity] | None = None
    for ent in entities.entities:
        if ent.label != "PER":
            continue
        for m in ent.mentions:
            if m.end <= before and (best is None or m.end > best[0]):
                best = (m.end, ent)
    return best[1] if best else None


def _nearest_mention(
    v: ArticleView, before: int, labels: Iterable[str], spans: list[tuple[int, int]]
) -> tuple[int, ArticleEntity] | None:
    """The nearest entity mention before ``before`` outside any quoted or reported span."""
    wanted = set(labels)
    for m_start, _, ent in reversed(v.mentions):
        fits = m_start < before and ent is not None and ent.label in wanted
        if fits and not any(s <= m_start < e for s, e in spans):
            return m_start, ent
    return None


def pair_before(v: ArticleView, at: int) -> str | None:
    """ "Game of Thrones-makers David Benioff en D.B. Weiss ... Dat heeft het duo laten
    weten": the last two people named together ("A en B", "A (20) en B (21)", "A & B")
    before ``at`` and within two paragraphs; both their names. Inside reported speech too:
    "Dat heeft het duo laten weten" reports the very sentence that names them."""
    people = [
        (s, e, ent) for s, e, ent in v.mentions if s < at and ent is not None and ent.label == "PER"
    ]
    for (_, end, first), (start, _, second) in reversed(list(pairwise(people))):
        if v.para_of(at) - v.para_of(start) > 2:
            return None
        between = " ".join(w for w in v.text[end:start].split() if not _bracketed(w))
        if first is not second and between in ("en", "&"):
            return f"{first.name} en {second.name}"
    return None


def _bracketed(word: str) -> bool:
    """An age or a note in brackets between two names: "(20)", "(PvdA)"."""
    return word.startswith("(") and word.endswith(")")


def _named_with_head(v: ArticleView, head: str, before: int) -> ArticleEntity | None:
    """The latest entity introduced with the same noun right before its name ("veilinghuis
    Sotheby's", "renner Bauke Mollema") or in an apposition after it ("GroenLinks, een
    andere partij uit het college, ... De partij vindt"): the description's own antecedent."""
    for m_start, m_end, ent in reversed(v.mentions):
        if m_start >= before or ent is None:
            continue
        k = v.token_at(m_start) - 1
        if k >= 0 and v.lower[k].rsplit("-", 1)[-1] == head:
            return ent
        if ent.label in ("PER", "ORG") and _apposition_has(
            v, v.token_at(max(m_end - 1, m_start)) + 1, head
        ):
            return ent  # not a place the NER cut off the name ("Hijos" | "Nederland")
    return None


APPOSITION_WORDS = 6


def _apposition_has(v: ArticleView, k: int, head: str) -> bool:
    """Whether the apposition opening with a comma at token ``k`` ("…, een andere partij uit
    het college,") has ``head`` among its first words."""
    if k >= v.n or v.words[k] != ",":
        return False
    for j in range(k + 1, min(v.n, k + 1 + APPOSITION_WORDS)):
        if v.words[j] in (",", ".", ":", ";") or v.is_mark[j]:
            return False
        if v.lower[j].rsplit("-", 1)[-1] == head:
            return True
    return False


def _since_sentence_before(v: ArticleView, at: int, start: int) -> bool:
    """Whether a mention at character ``start`` stands in the sentence before the one at
    ``at``, or later (the reach of "Die zegt" and of a "ze" preferring a person)."""
    k = bisect_right(v.sent_starts, v.token_at(at)) - 2
    return k >= 0 and v.token_at(start) >= v.sent_starts[k]


def _prefer_person(
    v: ArticleView, at: int, mention: tuple[int, ArticleEntity] | None, spans: list[tuple[int, int]]
) -> tuple[int, ArticleEntity] | None:
    """ "Marine Le Pen veroordeelt de daad op Twitter. Ze schrijft ...": a "ze" that may be a
    person or an organisation is the person named in the sentence before or in its own,
    or in the organisation's sentence ("De 45-jarige Nienke is ervaringsdeskundige bij Enik
    Recovery College. ... vertelt zij"), not the organisation named after her there."""
    if mention is None or mention[1].label != "ORG":
        return mention
    person = _nearest_mention(v, at, ("PER",), spans)
    if person is None:
        return mention
    near = _since_sentence_before(v, at, person[0])
    same = v.sentence_of_token(v.token_at(person[0])) == v.sentence_of_token(v.token_at(mention[0]))
    return person if near or same else mention


def _salient_mention(
    v: ArticleView, before: int, spans: list[tuple[int, int]]
) -> tuple[int, ArticleEntity] | None:
    """The organisation mentioned most often before ``before`` (the nearest on a tie):
    "het veilinghuis" is the auction house the article is about, not the last brand named."""
    counts: dict[str, int] = {}
    last: dict[str, tuple[int, ArticleEntity]] = {}
    for m_start, _, ent in v.mentions:
        if m_start >= before or ent is None or ent.label != "ORG":
            continue
        if any(s <= m_start < e for s, e in spans):
            continue
        counts[ent.entity_id] = counts.get(ent.entity_id, 0) + 1
        last[ent.entity_id] = (m_start, ent)
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], last[k][0]))
    return last[best]


def named_in_statement(v: ArticleView, spk: Speaker, start: int, end: int) -> Speaker | None:
    """ "Jesse Klaver moet tijdelijk rust houden, zo maakt hij bekend": a pronoun after the
    statement it reports, with no one before it, is the name that opens that statement (no
    verb or preposition before it: its subject), if it fits the pronoun; only a personal
    pronoun ("haar partij" is not Til Gardeniers), only in the same paragraph."""
    labels = tuple((spk.label or "PER|ORG").split("|"))
    if (spk.text or "").lower() not in ("hij", "zij", "ze") or end > spk.at:
        return None
    if v.para_of(start) != v.para_of(spk.at):
        return None
    first = v.token_at(start)
    for m_start, _, ent in v.mentions:
        if not start <= m_start < end:
            continue
        if any(v.pos[j] in ("VERB", "AUX", "ADP") for j in range(first, v.token_at(m_start))):
            return None  # "… laat de Gezondheidsraad", "Prince, de zoon van Michael Jackson"
        if ent is not None and ent.label in labels:  # "De Nederlandse IS-strijder Yago R."
            return Speaker(ent.name, spk.text, ent.entity_id, "pronoun", spk.at, ent.label)
    return None


def resolve_anaphor(
    v: ArticleView, spk: Speaker, history: list[Speaker], spans: list[tuple[int, int]]
) -> Speaker:
    """A pronoun or "de weerman": the latest fitting speaker or entity mention before it.

    Earlier speakers in the same paragraph win over bare mentions: a mention inside a
    reported clause ("... de haven van Antwerpen en hij vreest") is rarely the antecedent.
    """
    labels = tuple((spk.label or "PER|ORG").split("|"))
    if labels == ("DEM",):  # "Kas sprak met Jan de Vries. Die zegt ...": the last one named,
        mention = _nearest_mention(v, spk.at, ("PER", "ORG"), spans)  # not the last speaker,
        if mention is None or not _since_sentence_before(v, spk.at, mention[0]):  # from the
            return Speaker(None, spk.text, None, "pronoun", spk.at, None)  # sentence before
        ent = mention[1]
        return Speaker(ent.name, spk.text, ent.entity_id, "pronoun", spk.at, ent.label)
    if "GROUP" in labels:
        own = (spk.text or "").lower() in v.lex.group_only  # "hen" mid-sentence: its subject
        group = group_subject_before(v, spk.at, own_sentence=own)
        if group is not None:
            return group
        labels = ("PER", "ORG")
    para = v.para_of(spk.at)
    role = spk.head or ((spk.text or "").split()[-1].lower() if spk.text else "")
    if role in v.lex.roles:  # "de woordvoerder": the earlier speaker with that role
        for s in reversed(history):
            if s.at < spk.at and role in (s.text or "").lower().replace("-", " ").split():
                return Speaker(s.name, spk.text, s.entity_id, "pronoun", spk.at, s.label)

    def fits(s: Speaker) -> bool:
        return s.name is not None and (s.label in labels or (s.label is None and "ORG" in labels))

    fitting = [s for s in history if fits(s) and s.at < spk.at]
    last = fitting[-1] if fitting else None
    if last is not None and v.para_of(last.at) == para:
        newer = _subject_after(v, last.at, spk.at, labels, spans)
        if newer is not None:  # '…, zegt X. Ook Y is kritisch. "…", vertelt ze.': Y
            return Speaker(newer.name, spk.text, newer.entity_id, "pronoun", spk.at, newer.label)
        return Speaker(last.name, spk.text, last.entity_id, "pronoun", spk.at, last.label)
    named = _named_with_head(v, spk.head, spk.at) if spk.head is not None else None
    if named is not None:  # "het Amerikaanse veilinghuis Sotheby's ... Het veilinghuis zegt"
        return Speaker(named.name, spk.text, named.entity_id, "pronoun", spk.at, named.label)
    if spk.head is not None and labels == ("ORG",):
        mention = _salient_mention(v, spk.at, spans)  # "het bedrijf": the one most talked about
    else:
        mention = _prefer_person(v, spk.at, _nearest_mention(v, spk.at, labels, spans), spans)
    recent = last is not None and para - v.para_of(last.at) <= 2
    if last is not None and recent and (mention is None or mention[0] <= last.at):
        return Speaker(last.name, spk.text, last.entity_id, "pronoun", spk.at, last.label)
    if mention is not None:
        ent = mention[1]
        return Speaker(ent.name, spk.text, ent.entity_id, "pronoun", spk.at, ent.label)
    if last is not None and recent:
        return Speaker(last.name, spk.text, last.entity_id, "pronoun", spk.at, last.label)
    name = _proper_name_before(v, spk.at, spans) if "PER" in labels else None
    if name is not None:
        ent = v.entities.resolve(name)
        entity_id = ent.entity_id if ent else None
        return Speaker(ent.name if ent else name, spk.text, entity_id, "pronoun", spk.at, "PER")
    if spk.fallback is not None:  # "het bedrijf" with no organisation before: the description
        # keeps its kind, so that a later "hij" finds "een woordvoerder" (a person)
        label = spk.label if spk.label in ("PER", "ORG") else None
        return Speaker(spk.fallback, spk.text, None, "explicit", spk.at, label)
    return Speaker(None, spk.text, None, "pronoun", spk.at, None)


def _proper_name_before(v: ArticleView, at: int, spans: list[tuple[int, int]]) -> str | None:
    """The NER missed the antecedent: the nearest run of two or more proper nouns before."""
    if not v.has_pos:
        return None
    end = v.token_at(at)
    run: list[Token] = []
    for k in range(end - 1, max(-1, end - 120), -1):
        tok = v.toks[k]
        inside = any(s <= tok.idx < e for s, e in spans)
        if tok.pos_ == "PROPN" and tok.text[:1].isupper() and not inside:
            run.insert(0, tok)
            continue
        if len(run) >= 2:
            break
        run = []
    if len(run) < 2:
        return None
    return clean_name(v.text[run[0].idx : run[-1].idx + len(run[-1].text)]) or None


def group_subject_before(v: ArticleView, at: int, *, own_sentence: bool = False) -> Speaker | None:
    """Plural "ze", "hen": the plural subject of one of the two sentences before; for "hen"
    (``own_sentence``) of its own sentence or the one before. "Ook Nederlandse nabestaanden
    klaagden. Ze noemden het bizar." -> "Nederlandse nabestaanden" (its plural noun the
    speaker's ``head``); "De advocaten vroegen uitstel, omdat Kuipers volgens hen …" ->
    "advocaten"; or an organisation heading it (not one after "van": "De advocaten van
    Facebook")."""
    k = bisect_right(v.sent_starts, v.token_at(at)) - 1
    window = v.sents[max(0, k - 1) : k + 1] if own_sentence else v.sents[max(0, k - 2) : k]
    for s_start, s_end in reversed(window):
        words = [j for j in range(s_start, s_end) if not v.is_space[j] and v.idx[j] < at]
        verb = next((n for n, j in enumerate(words) if v.verbal_at(j)), None)
        if not verb:
            continue
        subject = subject_words(v, words[:verb])
        if not subject or any(v.is_punct[j] or v.is_mark[j] for j in subject):
            continue
        last = phrase_head(v, subject)  # "Personeelsleden van azc's": the noun before "van"
        ent = v.mention_in(v.idx[subject[0]], v.end_char(last))  # not "(advocaten) van Facebook"
        if ent is not None and ent.label == "ORG":
            return Speaker(ent.name, None, ent.entity_id, "pronoun", at, "ORG")
        head = v.lower[last]
        own_plural = head.endswith(("en", "s"))
        plural = own_plural or _collective_of_people(v, subject, last)
        named = v.mention_in(v.idx[last], v.end_char(last))  # a place after it is no matter:
        if named is None and v.pos[last] == "NOUN" and plural:  # "Ouders in Amsterdam"
            name = _group_name(v, subject, last)
            people = head if own_plural else name.split()[-1].lower()  # "... tien Venezolanen"
            return Speaker(name, None, None, "pronoun", at, None, head=people)
    return None


def _group_name(v: ArticleView, subject: list[int], head: int) -> str:
    """The group as a description: without its article, up to its head and the "van" that
    follows it ("Een groep van tien Venezolanen zonder papieren" -> "groep van tien
    Venezolanen", "Boeren uit de regio" -> "Boeren", "Personeelsleden van azc's")."""
    words = list(subject)
    while len(words) > 1 and v.lower[words[0]] in (*v.lex.determiners, "een"):
        words = words[1:]
    end = len(words)
    for n, j in enumerate(words):
        if j > head and v.pos[j] == "ADP" and not (v.lower[j] == "van" and words[n - 1] == head):
            end = n
            break
    return v.text[v.idx[words[0]] : v.end_char(words[end - 1])]


def subject_words(v: ArticleView, words: list[int]) -> list[int]:
    """The subject's words before its verb, without the adverbs that open the sentence
    ("Ook boeren uit de regio" -> "boeren uit de regio"; a preposition inside stays)."""
    k = 0
    while k < len(words) and v.lower[words[k]] in v.lex.leading:
        k += 1
    return words[k:]


def _collective_of_people(v: ArticleView, subject: list[int], head: int) -> bool:
    """ "Een groep van tien Venezolanen", "een delegatie van boeren": a collective noun of
    a group of people (``cues.toml`` [groups]) before "van" and a plural; "ze" then stands
    for them."""
    if v.lower[head] not in v.lex.collectives:
        return False
    after = [j for j in subject if j > head]
    return bool(after) and v.lower[after[0]] == "van" and v.lower[after[-1]].endswith(("en", "s"))


def phrase_head(v: ArticleView, words: list[int]) -> int:
    """The head of a noun phrase: the noun before its first preposition after a noun
    ("Personeelsleden van asielzoekerscentra"), else its last word ("Onder meer
    patiëntenverenigingen")."""
    for n, j in enumerate(words):
        if v.pos[j] == "ADP" and any(v.pos[k] == "NOUN" for k in words[:n]):
            return next(k for k in reversed(words[:n]) if v.pos[k] == "NOUN")
    return words[-1]


def _subject_after(
    v: ArticleView, after: int, before: int, labels: tuple[str, ...], spans: list[tuple[int, int]]
) -> ArticleEntity | None:
    """A person opening a sentence between the last speaker and the pronoun, outside any
    quote ("Ook klinisch geneticus Marieke de Wit is kritisch."): the newer antecedent."""
    found = _nearest_mention(v, before, labels, spans)
    if found is None or found[0] <= after or found[1].label != "PER":
        return None
    k = v.token_at(found[0])
    s_start = v.sentence_of_token(k)[0]
    if k - s_start > 5 or any(qs <= v.idx[s_start] < qe for qs, qe in v.quoted):
        return None
    return found[1]
