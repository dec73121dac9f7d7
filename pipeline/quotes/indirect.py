"""Indirect speech: statements without quotation marks, attributed by a cue.

The rules are small pure functions ``(view, found so far) -> new statements`` in
``INDIRECT_RULES`` (see ``newsclaims.quotes.extract`` for the full ordered tuple); a rule
never re-reports a span an earlier rule found (``covered``).
"""

from __future__ import annotations

from spacy.tokens import Token

from newsclaims.attribution.cues import particle_dat
from newsclaims.attribution.layouts import is_nonagent, that_sentence, volgens_phrase
from newsclaims.attribution.marks import opens_quote_at, word_count
from newsclaims.attribution.phrases import (
    attributive_participle,
    looks_nominal,
    participle_as_subject,
    place_speaker,
)
from newsclaims.attribution.speakers import (
    phrase_after,
    phrase_before,
    speaker_from_tokens,
    verb_speaker,
)
from newsclaims.attribution.subjects import subject_speaker
from newsclaims.attribution.types import NO_SPEAKER, Attribution, Found, covered
from newsclaims.attribution.view import ArticleView
from newsclaims.quotes.common import (
    char_span,
    clause_end,
    dat_after,
    het_dat,
    indirect_only,
    within_a_quote,
)


def dat_clause(v: ArticleView, found: tuple[Found, ...]) -> list[Found]:
    """De minister zegt dat de fabriek sluit: the "dat" clause after a cue verb (by the parse,
    else a "dat" a few words after the verb), said by the verb's subject. Not the cues
    listed ``with_dat`` ("willen"): they come last (``weak_dat_clause``)."""
    out: list[Found] = []
    taken: set[int] = set()
    for i, lemma in sorted(v.cue_tokens.items()):
        if lemma not in v.lex.with_dat and (f := _dat_statement(v, i, lemma, taken)):
            out.append(f)
    return out


def weak_dat_clause(v: ArticleView, found: tuple[Found, ...]) -> list[Found]:
    """De bond wil ook dat het COA meer mensen aanneemt: a ``with_dat`` cue's clause, only
    where no other layout has found a statement and the verb has a subject that names
    someone. "Het ministerie wil niet dat de kabel er komt. Dat zeggen bronnen." is what the
    sources say, not what the ministry says."""
    found = indirect_only(found)
    out: list[Found] = []
    taken: set[int] = set()
    for i, lemma in sorted(v.cue_tokens.items()):
        if lemma in v.lex.with_dat:
            f = _dat_statement(v, i, lemma, taken)
            if f is None or covered((*found, *out), f.start, f.end):
                continue
            spk = f.attribution.speaker if f.attribution else NO_SPEAKER
            if spk.name is not None or spk.resolution is not None:
                out.append(f)  # not "een persoon die wil dat": nobody is named
    return out


def _dat_statement(v: ArticleView, i: int, lemma: str, taken: set[int]) -> Found | None:
    """The statement of the cue verb at ``i``: its "dat" clause (or, for ``no_dat`` cues,
    what follows the verb), said by the verb's subject; None when there is none or its
    "dat" is in ``taken`` (another cue's)."""
    if v.in_quote(v.idx[i]):
        return None
    s_start, s_end = v.sentence_of_token(i)
    begin = None
    if lemma in v.lex.no_dat:  # only "noemt het zeer gevaarlijk dat ...", judgement in
        mark = het_dat(v, i, s_end) if lemma in v.lex.small_clause else None
        begin = i + 1
    else:
        mark = v.parse_dat.get(i)
        if mark is None or mark >= s_end:
            mark = dat_after(v, i, s_end)
        if mark is None and lemma in v.lex.particle:  # "spraken ... in Sotsji af dat"
            mark = particle_dat(v.lower, v.lex.particle[lemma], i + 1, s_end)
    if mark is None or mark in taken:
        return None
    end_tok = clause_end(v, mark, s_end)
    if _reported_after(v, end_tok, s_end):
        return None  # "Trump dacht dat …, vertelde Cohen": all of it is Cohen's (trailing_cue)
    if begin is None and _determiner_dat(v, mark, end_tok):
        return None  # "verdedigde Zuckerberg dat beleid nog": a determiner, no clause
    taken.add(mark)
    start, end = char_span(v, mark + 1 if begin is None else begin, end_tok)
    if word_count(v.text[start:end]) < 2:
        return None
    if within_a_quote(v, start, end):
        return None  # 'zei dat "…"': the partial quote carries it
    if opens_quote_at(v.text, start) and any(start < qs <= start + 2 for qs, _ in v.quoted):
        return None
    spk = verb_speaker(v, i, s_start, s_end)
    return Found(start, end, "indirect", Attribution(lemma, spk))


def _determiner_dat(v: ArticleView, mark: int, end: int) -> bool:
    """ "dat" + noun and no verb: "verdedigde Zuckerberg dat beleid nog" opens no clause."""
    if not v.has_pos or mark + 1 >= end or v.pos[mark + 1] != "NOUN":
        return False
    return not any(map(v.verbal_at, range(mark + 1, end)))


def _reported_after(v: ArticleView, end: int, s_end: int) -> bool:
    """The sentence goes on after token ``end`` with only a comma, a cue and who said it:
    ", vertelde Cohen." (as ``trailing_cue`` reads it)."""
    rest = [j for j in range(end, s_end) if not v.is_space[j]]
    if len(rest) < 2 or v.words[rest[0]] != "," or not _trailing_lemma(v, rest[1]):
        return False
    after = rest[2:]
    if after and v.words[after[-1]] in (".", "!", "?"):
        after = after[:-1]
    phrase = phrase_after(v, rest[1], s_end)
    return bool(phrase) and [t.i for t in phrase] == after


def _trailing_lemma(v: ArticleView, k: int) -> str | None:
    """The cue at token ``k`` as a trailing report reads it: "aldus", or a cue verb that
    can stand after its statement (not a ``dat_only`` one, unless it also follows quotes)."""
    if v.lower[k] == "aldus":
        return "aldus"
    lemma = v.cue_tokens.get(k)
    if lemma is None or (lemma in v.lex.dat_only and lemma not in v.lex.after_quote):
        return None
    return lemma


def _comma_cue(v: ArticleView, s_start: int, s_end: int) -> bool:
    """Whether the sentence has a cue verb or "aldus" right after a comma (and "zo")."""
    for j in range(s_start + 1, s_end):
        if j in v.cue_tokens or v.lower[j] == "aldus":
            k = j - 1
            while k > s_start and v.is_space[k]:
                k -= 1
            if v.lower[k] == "zo" and k > s_start:  # "…, zo meldt de politie."
                k -= 1
            if v.words[k] == ",":
                return True
    return False


def trailing_cue(v: ArticleView, found: tuple[Found, ...]) -> list[Found]:
    """De fabriek sluit eind dit jaar, zegt De Vries. / …, aldus De Vries / …, zo meldt de
    politie: a statement without quotation marks and a trailing cue (a colon after the cue
    adds a second statement)."""
    found = indirect_only(found)
    out: list[Found] = []
    doc = v.toks
    for s_start, s_end in v.sents:
        if not _comma_cue(v, s_start, s_end):
            continue  # cheap test first, on the word lists
        toks = [t for t in doc[s_start:s_end] if not t.is_space]
        if len(toks) < 3:
            continue
        first_char, last_char = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if any(qs < last_char and first_char < qe for qs, qe in v.quoted):
            continue
        # "…, zegt X." at the end
        for k in range(len(toks) - 2, 0, -1):
            t = toks[k]
            zo = toks[k - 1].lower_ == "zo" and k > 1 and toks[k - 2].text == ","
            if toks[k - 1].text != "," and not zo:
                continue
            lemma = _trailing_lemma(v, t.i)
            if lemma is None:
                continue
            phrase = phrase_after(v, t.i, s_end)
            colon = next((x.i for x in toks[k + 1 :] if x.text == ":"), None)
            particle = v.lex.particle.get(lemma)
            rest = [
                x
                for x in toks[k + 1 :]
                if not x.is_punct and (colon is None or x.i < colon) and x.lower_ != particle
            ]
            if (
                not phrase
                or len(rest) > 14
                or any(
                    x.i != t.i
                    and (
                        x.i in v.cue_tokens
                        or x.lower_ == "dat"
                        or (
                            v.is_verbal(x)
                            and not attributive_participle(v, x.i)
                            and not participle_as_subject(v, x.i)  # "…, zeggen ingewijden"
                        )
                    )
                    for x in rest
                )
            ):
                continue
            comma = toks[k - 2].i if zo else toks[k - 1].i
            if v.has_pos and not any(v.verbal_at(j) for j in range(s_start, comma)):
                break  # "Het personeel van het COA, meldt ...": a subject, not a statement
            start, end = char_span(v, s_start, comma)
            spk = speaker_from_tokens(v, phrase, t.idx)
            if word_count(v.text[start:end]) >= 3 and not covered((*found, *out), start, end):
                out.append(Found(start, end, "indirect", Attribution(lemma, spk)))
            if colon is not None:  # "..., oordeelde de jury: <second statement>."
                c_start, c_end = char_span(v, colon + 1, s_end)
                if word_count(v.text[c_start:c_end]) >= 3 and not covered(
                    (*found, *out), c_start, c_end
                ):
                    out.append(Found(c_start, c_end, "indirect", Attribution(lemma, spk)))
            break
    return out


def that_sentence_before(v: ArticleView, found: tuple[Found, ...]) -> list[Found]:
    """De fabriek sluit eind dit jaar. Dat meldt de NOS.: the sentence before is the statement."""
    found = indirect_only(found)
    out: list[Found] = []
    doc = v.toks
    for idx, (s_start, s_end) in enumerate(v.sents):
        if idx == 0:
            continue
        first = next(
            (j for j in range(s_start, s_end) if not v.is_space[j] and not v.is_mark[j]), None
        )
        if first is None or v.lower[first] not in ("dat", "dit"):
            continue  # cheap test first: only "Dat meldt X." sentences attribute the one before
        toks = [t for t in doc[s_start:s_end] if not t.is_space]
        if len(toks) < 3:
            continue
        first_char, last_char = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if any(qs < last_char and first_char < qe for qs, qe in v.quoted):
            continue
        that = that_sentence(v, s_start, s_end)
        if that is None:
            continue
        p_start, p_end = v.sents[idx - 1]
        if v.para_of(doc[p_start].idx) != v.para_of(toks[0].idx):
            continue
        start, end = char_span(v, p_start, p_end)
        if any(qs < end and start < qe for qs, qe in v.quoted) or covered(
            (*found, *out), start, end
        ):
            continue
        if word_count(v.text[start:end]) >= 3:
            out.append(Found(start, end, "indirect", that))
    return out


def volgens(v: ArticleView, found: tuple[Found, ...]) -> list[Found]:
    """ "Volgens X …" / "… volgens X …": the main clause is the statement."""
    found = indirect_only(found)
    out: list[Found] = []
    doc = v.toks
    for k, _ in v.matches.get("VOLGENS", []):
        tok = doc[k]
        if v.in_quote(tok.idx) or covered((*found, *out), tok.idx, tok.idx + 1):
            continue
        s_start, s_end = v.sentence_of_token(k)
        phrase = volgens_phrase(v, k, s_end)
        if not phrase or is_nonagent(v, phrase):
            continue
        if any(
            j in v.cue_tokens and doc[j - 1].text == "," for j in range(max(s_start + 1, k - 6), k)
        ):
            continue  # "…, schrijft het leger volgens Reuters": the cue verb attributes
        after = phrase[-1].i + 1
        if after + 2 < s_end and doc[after].text == "(" and doc[after + 2].text == ")":
            after += 3  # "Volgens de Landelijke Studentenvakbond (LSVb) zoeken ..."
        while after < s_end and doc[after].text == ",":
            after += 1
        if k == s_start or all(t.is_space or t.is_punct for t in doc[s_start:k]):
            a, b = after, s_end
        else:
            a, b = s_start, s_end
        start, end = char_span(v, a, b)
        if end - start < 8:
            continue
        if covered((*found, *out), start, end):
            continue
        quoted = sum(
            min(qe, end) - max(qs, start) for qs, qe in v.quoted if qs < end and start < qe
        )
        if quoted * 5 > (end - start) * 4:
            continue  # all quote but a word or two: the partial quote is the statement
        spk = speaker_from_tokens(v, phrase, tok.idx)
        out.append(Found(start, end, "indirect", Attribution("volgens", spk)))
    return out


def noun_cues(v: ArticleView, found: tuple[Found, ...]) -> list[Found]:
    """ "de aankondiging van X dat …", "de Iraanse waarschuwing dat …"."""
    found = indirect_only(found)
    out: list[Found] = []
    doc = v.toks
    for k, _ in v.matches.get("NOUN_DAT", []):
        if v.in_quote(doc[k].idx):
            continue
        s_start, s_end = v.sentence_of_token(k)
        mark = None
        owner: list[Token] = []
        j = k + 1
        if j < s_end and doc[j].lower_ == "van":
            owner = volgens_phrase(v, j, s_end)
            j = owner[-1].i + 1 if owner else j + 1
        if j < s_end and doc[j].lower_ == "dat":
            mark = j
        if mark is None:
            continue
        end_tok = clause_end(v, mark, s_end)
        start, end = char_span(v, mark + 1, end_tok)
        if word_count(v.text[start:end]) < 2 or covered((*found, *out), start, end):
            continue
        spk = NO_SPEAKER
        if not owner and k > s_start and doc[k - 1].pos_ == "ADJ" and doc[k - 1].text[:1].isupper():
            owner = [doc[k - 1]]  # "de Iraanse waarschuwing": Iran's
            spk = place_speaker(v, doc[k - 1]) or NO_SPEAKER
        if owner and spk is NO_SPEAKER:
            spk = speaker_from_tokens(v, owner, doc[k].idx)
        if not owner and v.has_dep:  # "Het bestuur kwam met een verklaring dat …"
            spk = subject_speaker(v, s_start, s_end, doc[k].idx) or NO_SPEAKER
        attribution = Attribution(v.lex.nouns[doc[k].lower_], spk)
        out.append(Found(start, end, "indirect", attribution, sticky=False))
    return out


def fixed_phrases(v: ArticleView, found: tuple[Found, ...]) -> list[Found]:
    """ "X zag naar eigen zeggen …": the whole sentence, said by its subject."""
    found = indirect_only(found)
    out: list[Found] = []
    doc = v.toks
    for k, k_end in v.matches.get("PHRASE", []):
        if v.in_quote(doc[k].idx):
            continue
        s_start, s_end = v.sentence_of_token(k)
        start, end = char_span(v, s_start, s_end)
        if covered((*found, *out), start, end):
            continue
        verbs = [t.i for t in doc[s_start:k] if v.is_verbal(t)]
        subject = phrase_before(v, verbs[0], s_start) if verbs else []
        spk = speaker_from_tokens(v, subject, doc[k].idx) if subject else NO_SPEAKER
        cue = v.text[doc[k].idx : v.end_char(k_end - 1)].lower()
        out.append(Found(start, end, "indirect", Attribution(cue, spk)))
    return out


def zo_parenthetical(v: ArticleView, found: tuple[Found, ...]) -> list[Found]:
    """ "Het leger, zo constateert het ministerie in een rapport, heeft te weinig mensen"."""
    found = indirect_only(found)
    out: list[Found] = []
    doc = v.toks
    for m_start, _ in v.matches.get("ZO_CUE", []):
        k = m_start + 2
        if k not in v.cue_tokens or v.in_quote(doc[k].idx):
            continue
        _, s_end = v.sentence_of_token(k)
        close = next((j for j in range(k + 1, s_end) if doc[j].text == ","), None)
        if close is None:
            continue
        start, end = char_span(v, close + 1, clause_end(v, close + 1, s_end))
        if word_count(v.text[start:end]) < 3 or covered((*found, *out), start, end):
            continue
        phrase = phrase_after(v, k, close)
        spk = speaker_from_tokens(v, phrase, doc[k].idx) if phrase else NO_SPEAKER
        out.append(Found(start, end, "indirect", Attribution(v.cue_tokens[k], spk)))
    return out


def trailing_aux_cue(v: ArticleView, found: tuple[Found, ...]) -> list[Found]:
    """Het verloop kost de sector 1,4 miljard euro, heeft ABN Amro berekend.: a statement,
    a comma, then auxiliary + subject + participle of a cue at the end of the sentence."""
    found = indirect_only(found)
    out: list[Found] = []
    for s_start, s_end in v.sents:
        last = s_end - 1
        while last > s_start and (v.is_space[last] or v.is_punct[last]):
            last -= 1
        if last not in v.cue_tokens:
            continue  # cheap test first: the sentence must end in a cue
        content = [j for j in range(s_start, s_end) if not v.is_space[j]]
        while content and v.is_punct[content[-1]]:
            content.pop()
        if len(content) < 6 or content[-1] not in v.cue_tokens:
            continue
        cue = content[-1]
        lemma = v.cue_tokens[cue]
        aux = next(
            (
                k
                for k in range(len(content) - 3, 1, -1)
                if v.lower[content[k]] in v.lex.auxiliaries and v.words[content[k - 1]] == ","
            ),
            None,
        )
        if aux is None:
            continue
        subject = [v.toks[j] for j in content[aux + 1 : -1]]
        if not 0 < len(subject) <= 6 or any(
            v.is_punct[t.i] or v.verbal_at(t.i) or t.lower_ == "dat" for t in subject
        ):
            continue
        start, end = char_span(v, s_start, content[aux - 1])
        if word_count(v.text[start:end]) < 3 or covered((*found, *out), start, end):
            continue
        if any(qs < end and start < qe for qs, qe in v.quoted):
            continue
        spk = speaker_from_tokens(v, subject, v.idx[cue])
        out.append(Found(start, end, "indirect", Attribution(lemma, spk)))
    return out


def small_clause(v: ArticleView, found: tuple[Found, ...]) -> list[Found]:
    """Voermans noemt de boete disproportioneel. / GroenLinks vindt de straf overdreven.: the
    object and its predicate after "noemen"/"vinden" without "dat" are the statement."""
    found = indirect_only(found)
    out: list[Found] = []
    for k, lemma in sorted(v.cue_tokens.items()):
        if lemma not in v.lex.small_clause or not v.has_pos or v.in_quote(v.idx[k]):
            continue
        s_start, s_end = v.sentence_of_token(k)
        if dat_after(v, k, s_end) is not None or (k + 1 < s_end and v.lower[k + 1] == "plaats"):
            continue
        before = phrase_before(v, k, s_start)
        if looks_nominal(v, before):
            begin = k + 1
        else:
            after = phrase_after(v, k, s_end)
            if not after:
                continue
            begin = after[-1].i + 1
        stop = clause_end(v, k, s_end)
        stop = next((j for j in range(begin, stop) if v.words[j] == ":"), stop)  # '…: "quote"'
        body = [j for j in range(begin, stop) if not v.is_space[j] and not v.is_punct[j]]
        if not 2 <= len(body) <= 12 or any(v.is_mark[j] for j in range(begin, stop)):
            continue
        if any(v.verbal_at(j) or v.lower[j] in ("als", "dat", "om", "te") for j in body[:-1]):
            continue
        last = v.pos[body[-1]]
        if last not in ("ADJ", "NOUN", "VERB") or (lemma == "vinden" and last == "NOUN"):
            continue  # "De politie vond drugs": a find, not an opinion
        start, end = char_span(v, begin, stop)
        if covered((*found, *out), start, end):
            continue
        out.append(
            Found(start, end, "indirect", Attribution(lemma, verb_speaker(v, k, s_start, s_end)))
        )
    return out
