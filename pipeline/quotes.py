"""Quotes and attributed statements with resolved speakers (spec §3).

Two layers, on purpose:

* ``scan_quotes(text)`` finds quoted spans from the quotation marks alone. It is a pure
  function of the text (no model), so its invariants - never an exception, spans inside the
  text, no span across a paragraph boundary unless the next paragraph opens with a mark -
  can be property-tested on arbitrary strings. Dutch writes the apostrophe with the same
  character as the closing single quote (zo’n, ’s avonds, IS’ers), so marks are classified
  by their neighbours (flanking, as CommonMark does for emphasis) before they are paired.
* ``extract_quotes`` attributes those spans, and finds indirect speech, over the spaCy
  parse. The parser is trained on little data and its ``ccomp``/``nsubj`` arcs are weak, so
  every rule that reads the parse has a word-order fallback driven by the cue lexicon
  (``lexicon/cues.toml``): a reporting verb, the clause around it, and the entity mentions
  in the phrase before or after it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from newsclaims import lexicon
from newsclaims.entities import ArticleEntities, ArticleEntity, clean_name
from newsclaims.nlp import sentence_index
from newsclaims.records import Quote

# --- scanning quotation marks (pure, no model) ---------------------------------------------

# family of each mark: d = double, s = single, g = guillemets, h = single guillemets
_FAMILY = {
    '"': "d", "“": "d", "”": "d", "„": "d", "‟": "d",
    "'": "s", "‘": "s", "’": "s", "‚": "s", "‛": "s",
    "«": "g", "»": "g", "‹": "h", "›": "h",
}  # fmt: skip
_ALWAYS_OPEN = frozenset("„‚«‹")
_ALWAYS_CLOSE = frozenset("»›")
_OPEN_LEANING = frozenset("“‘‟‛")  # open when both sides are words
_APOSTROPHES = frozenset("'’‘")
_ELISION = re.compile(r"(?i)(?:s|t|n|k|m|r|ns|ie)(?![^\W\d_])")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
MIN_QUOTE_WORDS = 3


@dataclass(frozen=True)
class QuoteSpan:
    """Quoted content between a pair of marks; ``start``/``end`` exclude the marks."""

    start: int
    end: int
    open_at: int
    close_at: int | None  # None: the quote goes on in the next paragraph
    depth: int  # 0 for an outer quote, 1 for a quote inside a quote


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph; blank lines separate them."""
    spans = []
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith(("P", "S"))


def _is_apostrophe(text: str, i: int) -> bool:
    """Whether a single mark at ``i`` is an apostrophe rather than a quotation mark."""
    ch = text[i]
    if ch not in _APOSTROPHES:
        return False
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isalnum() and nxt.isalnum():  # zo’n, auto's, IS’ers, d'r
        return True
    starts_word = prev.isspace() or prev in "(-[/"
    if starts_word and nxt.isalpha() and _ELISION.match(text, i + 1):  # ’s avonds, 't, ’n
        return True
    # '80, ’90s
    return (prev.isspace() or prev in "(-[/") and text[i + 1 : i + 3].isdigit()


def _flanking(text: str, i: int) -> tuple[bool, bool]:
    """(left-flanking, right-flanking): could the mark open, could it close."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return _flanking_between(prev, nxt)


def _mark_roles(text: str, i: int) -> tuple[bool, bool]:
    """(can open, can close) for the mark at ``i``."""
    ch = text[i]
    if ch in _ALWAYS_OPEN:
        return True, False
    if ch in _ALWAYS_CLOSE:
        return False, True
    if _FAMILY[ch] == "s" and _is_apostrophe(text, i):
        return False, False
    left, right = _flanking(text, i)
    if left and right:  # a mark glued between words or punctuation on both sides
        if ch in _OPEN_LEANING:
            return True, False
        if ch in "”’":
            return False, True
        return True, True  # straight marks: close if something is open, else open
    return left, right


def _mark_at(text: str, i: int) -> tuple[str, int, bool, bool] | None:
    """(family, width, can open, can close) of a quotation mark starting at ``i``, if any.

    Besides the single characters, Dutch papers open with two commas and close with two
    apostrophes (,,Zo gaat het'' / ,,Zo gaat het"), so two-character marks count too.
    """
    two = text[i : i + 2]
    if two == ",,":
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 2] if i + 2 < len(text) else " "
        opens = (prev.isspace() or prev in "([:;—–-") and not nxt.isspace() and nxt != ","
        return ("d", 2, True, False) if opens else None
    if two == "''":
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 2] if i + 2 < len(text) else " "
        left, right = _flanking_between(prev, nxt)
        return ("d", 2, left and not right, right)
    ch = text[i] if i < len(text) else ""
    if ch not in _FAMILY:
        return None
    can_open, can_close = _mark_roles(text, i)
    return (_FAMILY[ch], 1, can_open, can_close)


def _flanking_between(prev: str, nxt: str) -> tuple[bool, bool]:
    prev_ws, next_ws = prev.isspace(), nxt.isspace()
    prev_p, next_p = _is_punct(prev), _is_punct(nxt)
    left = not next_ws and (not next_p or prev_ws or prev_p)
    right = not prev_ws and (not prev_p or next_ws or next_p)
    return left, right


def _is_mark_text(text: str) -> bool:
    """A token that is only quotation marks: ", ’, ,, or ''."""
    return bool(text) and (all(ch in _FAMILY for ch in text) or text == ",,")


def opens_quote_at(text: str, i: int) -> bool:
    """Whether an opening quotation mark starts at ``i``."""
    mark = _mark_at(text, i)
    return mark is not None and mark[2]


def _opens_with_mark(text: str, start: int, end: int) -> str | None:
    """The family of the quotation mark a paragraph opens with, if it does."""
    j = start
    while j < end and text[j].isspace():
        j += 1
    mark = _mark_at(text, j) if j < end else None
    return mark[0] if mark is not None and mark[2] else None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _scan_paragraph(
    text: str, p_start: int, p_end: int, next_family: str | None
) -> list[QuoteSpan]:
    found: list[QuoteSpan] = []
    stack: list[tuple[str, int, int]] = []  # (family, opening mark, content start)
    i = p_start
    while i < p_end:
        mark = _mark_at(text, i) if text[i] in _FAMILY or text[i] == "," else None
        if mark is None:
            i += 1
            continue
        family, width, can_open, can_close = mark
        if can_close and any(f == family for f, _, _ in stack):
            while stack:
                f, at, content = stack.pop()
                if f == family:
                    start, end = _trimmed(text, content, i)
                    if end > start:
                        found.append(QuoteSpan(start, end, at, i, len(stack)))
                    break
        elif can_open:
            stack.append((family, i, min(i + width, p_end)))
        i += width
    if stack:
        # An unclosed outer quote goes on only when the next paragraph opens with a mark of
        # its family (the newspaper convention for quotes over several paragraphs); any other
        # unbalanced mark is dropped, so it cannot swallow the rest of the article.
        family, at, content = stack[0]
        if next_family == family:
            start, end = _trimmed(text, content, p_end)
            if end > start:
                found.append(QuoteSpan(start, end, at, None, 0))
    return sorted(found, key=lambda q: (q.start, q.depth))


def scan_quotes(text: str) -> list[QuoteSpan]:
    """Every quoted span in ``text``, in order; never crosses a paragraph boundary."""
    paras = paragraphs(text)
    out: list[QuoteSpan] = []
    for k, (p_start, p_end) in enumerate(paras):
        next_family = _opens_with_mark(text, *paras[k + 1]) if k + 1 < len(paras) else None
        out.extend(_scan_paragraph(text, p_start, p_end, next_family))
    return out


def word_count(text: str) -> int:
    return sum(1 for w in text.split() if any(ch.isalnum() for ch in w))


def is_statement(text: str) -> bool:
    """At least three words: shorter quoted terms are scare quotes, not quotes (spec §3)."""
    return word_count(text) >= MIN_QUOTE_WORDS


# --- lexicon ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CueLexicon:
    """Reporting verbs and helper word lists from ``lexicon/cues.toml``."""

    form_lemma: dict[str, str]
    particle: dict[str, str]
    nouns: dict[str, str]
    dat_only: frozenset[str]
    no_dat: frozenset[str]
    pronouns: frozenset[str]
    person_only: frozenset[str]
    leading: frozenset[str]
    stop: frozenset[str]
    determiners: frozenset[str]
    list_joiners: frozenset[str]
    roles: frozenset[str]
    nonagents: frozenset[str]
    copula_verbs: frozenset[str]
    copula_nouns: frozenset[str]
    te_clause: frozenset[str]
    prepositions: frozenset[str]
    auxiliaries: frozenset[str]
    title_nouns: frozenset[str]
    phrases: dict[str, tuple[str, ...]]
    non_speakers: frozenset[str]

    def verb_forms(self) -> list[str]:
        return sorted(self.form_lemma)


@cache
def cue_lexicon() -> CueLexicon:
    data: dict[str, Any] = lexicon.toml("cues.toml")
    form_lemma: dict[str, str] = {}
    particle: dict[str, str] = {}
    for lemma, entry in data["verbs"].items():
        for form in entry.get("forms", []):
            form_lemma.setdefault(form.lower(), lemma)
        if "particle" in entry:
            particle[lemma] = entry["particle"]
    nouns = {form: lemma for lemma, forms in data["nouns"].items() for form in forms}
    spk = data["speaker"]
    return CueLexicon(
        form_lemma=form_lemma,
        particle=particle,
        nouns=nouns,
        dat_only=frozenset(data["restrict"]["dat_only"]),
        no_dat=frozenset(data["restrict"]["no_dat"]),
        pronouns=frozenset(data["pronouns"]["person"]),
        person_only=frozenset(data["pronouns"]["person_only"]),
        leading=frozenset(spk["leading"]),
        stop=frozenset(spk["stop"]),
        determiners=frozenset(spk["determiners"]),
        list_joiners=frozenset(spk["list_joiners"]),
        roles=lexicon.words("quote_roles.txt") | lexicon.words("titles.txt"),
        nonagents=lexicon.words("quote_nonagents.txt"),
        copula_verbs=frozenset(data["copula"]["verbs"]),
        copula_nouns=frozenset(data["copula"]["nouns"]),
        te_clause=frozenset(data["restrict"]["te_clause"]),
        prepositions=frozenset(spk["prepositions"]),
        auxiliaries=frozenset(spk["auxiliaries"]),
        title_nouns=lexicon.words("quote_title_nouns.txt"),
        phrases={name: tuple(words) for name, words in data["phrases"].items()},
        non_speakers=frozenset(data["pronouns"]["non_speakers"]),
    )


# --- matchers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Matchers:
    """The token and dependency patterns, built once per vocabulary."""

    tokens: Matcher
    deps: DependencyMatcher


_MATCHERS: dict[int, tuple[Vocab, _Matchers]] = {}


def _matchers(vocab: Vocab) -> _Matchers:
    hit = _MATCHERS.get(id(vocab))
    if hit is not None and hit[0] is vocab:
        return hit[1]
    lex = cue_lexicon()
    forms = lex.verb_forms()
    tokens = Matcher(vocab)
    tokens.add("CUE", [[{"LOWER": {"IN": forms}}]])
    tokens.add("VOLGENS", [[{"LOWER": "volgens"}]])
    tokens.add("NOUN_DAT", [[{"LOWER": {"IN": sorted(lex.nouns)}}]])
    tokens.add("ZO_CUE", [[{"TEXT": ","}, {"LOWER": "zo"}, {"LOWER": {"IN": forms}}]])
    for words in lex.phrases.values():
        tokens.add("PHRASE", [[{"LOWER": w} for w in words]])
    deps = DependencyMatcher(vocab)
    # cue verb -> complement clause -> "dat": the parse's view of "X zegt dat ..."
    deps.add(
        "CUE_DAT",
        [
            [
                {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": forms}}},
                {
                    "LEFT_ID": "cue",
                    "REL_OP": ">",
                    "RIGHT_ID": "clause",
                    "RIGHT_ATTRS": {"DEP": {"IN": ["ccomp", "advcl", "xcomp", "parataxis"]}},
                },
                {
                    "LEFT_ID": "clause",
                    "REL_OP": ">",
                    "RIGHT_ID": "mark",
                    "RIGHT_ATTRS": {"LOWER": "dat"},
                },
            ]
        ],
    )
    built = _Matchers(tokens, deps)
    _MATCHERS[id(vocab)] = (vocab, built)
    return built


# --- attribution over the parse ---------------------------------------------------------------


@dataclass(frozen=True)
class Speaker:
    """Who said it: canonical name (or description), as written, entity id, how resolved."""

    name: str | None
    text: str | None
    entity_id: str | None
    resolution: str | None
    at: int = -1  # where the speaker is written; pronouns are resolved from here
    label: str | None = None  # entity label, or the labels an anaphor may refer to


@dataclass(frozen=True)
class Attribution:
    cue: str | None
    speaker: Speaker


_NO_SPEAKER = Speaker(None, None, None, None)
_CLAUSE_PUNCT = frozenset(",;:()–—")
_SENT_END = frozenset(".!?")
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "X", "NUM"})


class _Context:
    """Everything the rules need about one article, computed once."""

    def __init__(self, doc: Doc, entities: ArticleEntities) -> None:
        self.doc = doc
        self.text = doc.text
        self.entities = entities
        self.lex = cue_lexicon()
        self.sent_of = sentence_index(doc)
        self.tok_starts = [t.idx for t in doc]
        self.has_pos = doc.has_annotation("POS") or doc.has_annotation("TAG")
        self.has_dep = doc.has_annotation("DEP")
        self.paras = paragraphs(self.text)
        self.para_starts = [p[0] for p in self.paras]
        self.mentions = [
            (m.start, m.end, self.entities.by_id(m.entity_id))
            for m in entities.mentions
            if m.label in ("PER", "ORG", "LOC")
        ]
        self.quoted: list[tuple[int, int]] = []  # content of direct/partial quotes
        self.sents = self._sentences()
        matchers = _matchers(doc.vocab)
        self.matches: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end in matchers.tokens(doc):
            self.matches.setdefault(doc.vocab.strings[match_id], []).append((start, end))
        self.dep_matches = matchers.deps(doc) if self.has_dep else []
        self.cue_tokens = self._match_cues()

    # token and sentence helpers

    def token_at(self, char: int) -> int:
        return max(0, bisect_right(self.tok_starts, char) - 1)

    def para_of(self, char: int) -> int:
        return max(0, bisect_right(self.para_starts, char) - 1)

    def _sentences(self) -> list[tuple[int, int]]:
        """Token ranges of sentences, also cut at paragraph breaks the parser may miss."""
        if len(self.doc) == 0:
            return []
        bounds = []
        start = 0
        for i in range(1, len(self.doc) + 1):
            end_here = i == len(self.doc)
            if not end_here:
                tok = self.doc[i]
                prev = self.doc[i - 1]
                new_para = prev.is_space and "\n" in prev.text and not tok.is_space
                parser_cut = self.sent_of[i] != self.sent_of[i - 1] and self._final(i - 1)
                end_here = new_para or parser_cut or self._missed_cut(i)
            if end_here:
                bounds.append((start, i))
                start = i
        return bounds

    def _final(self, i: int) -> bool:
        """Whether token ``i`` can end a sentence: the weak parser also splits mid-clause."""
        while i > 0 and (self.doc[i].is_space or _is_mark_text(self.doc[i].text)):
            i -= 1
        return self.doc[i].text[-1:] in ".!?…:"

    def _missed_cut(self, i: int) -> bool:
        """ "… te ver. "Dit kost …": a full stop token, a space, then a capital or a mark."""
        prev, tok = self.doc[i - 1], self.doc[i]
        if prev.text[-1:] not in (".", "!", "?") or not prev.whitespace_:
            return False
        if _is_mark_text(tok.text):  # "te ver." + opening mark: abbreviations open no quotes
            return opens_quote_at(self.text, tok.idx)
        return prev.text in (".", "!", "?") and tok.text[:1].isupper()

    def sentence_of_token(self, i: int) -> tuple[int, int]:
        lo, hi = 0, len(self.sents) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s, e = self.sents[mid]
            if i < s:
                hi = mid - 1
            elif i >= e:
                lo = mid + 1
            else:
                return s, e
        return (0, len(self.doc))

    def in_quote(self, char: int) -> bool:
        return any(s <= char < e for s, e in self.quoted)

    def is_verbal(self, tok: Token) -> bool:
        return self.has_pos and tok.pos_ in ("VERB", "AUX")

    # cue matching

    def _match_cues(self) -> dict[int, str]:
        """Token index -> cue lemma for every reporting verb whose particle, if any, is there."""
        found: dict[int, str] = {}
        for start, _ in self.matches.get("CUE", []):
            tok = self.doc[start]
            lemma = self.lex.form_lemma[tok.lower_]
            particle = self.lex.particle.get(lemma)
            if (
                particle
                and not tok.lower_.startswith(particle)
                and "ge" + particle not in tok.lower_
            ) and not tok.lower_.startswith(particle.split()[0]):
                _s, e = self.sentence_of_token(start)
                window = [t.lower_ for t in self.doc[start + 1 : min(e, start + 12)]]
                if particle not in window:
                    continue
            prev = self.doc[start - 1] if start > 0 else None
            if prev is not None and prev.lower_ in ("te", "om"):
                continue  # "om te oordelen": an infinitive, not a speech act
            found[start] = lemma
        return found


def _strip_edges(tokens: list[Token], lex: CueLexicon) -> list[Token]:
    """Drop leading adverbs and trailing punctuation from a speaker phrase."""
    while tokens and (tokens[0].lower_ in lex.leading or tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def _phrase_after(ctx: _Context, i: int, limit: int) -> list[Token]:
    """The speaker phrase after the cue verb at ``i``: "zegt de premier Adel Abdul-Mahdi over"."""
    out: list[Token] = []
    lemma = ctx.lex.form_lemma.get(ctx.doc[i].lower_, "")
    particle = ctx.lex.particle.get(lemma)
    for j in range(i + 1, min(limit, i + 10)):
        tok = ctx.doc[j]
        low = tok.lower_
        if particle and low == particle and not out:
            continue
        glued = (
            j > i + 1
            and not ctx.doc[j - 1].whitespace_
            and ctx.doc[j + 1 : j + 2].text[:1].isalpha()
        )
        if tok.text in _APOSTROPHES and glued:  # Co'tje
            out.append(tok)
            continue
        if tok.is_space or (tok.is_punct and low not in ("-", ".")) or _is_mark_text(tok.text):
            break
        if low == "." and (not out or not out[-1].text[:1].isupper() or len(out[-1].text) > 2):
            break
        if low in ctx.lex.stop and not (low == "en" and out and out[-1].text[:1].isupper()):
            if out or low not in ("ook", "nog", "al", "wel", "eerder", "woensdag"):
                break
            continue
        if j in ctx.cue_tokens or (ctx.is_verbal(tok) and out and not tok.text[:1].isupper()):
            break
        out.append(tok)
        if len(out) == 1 and low in ctx.lex.pronouns:
            return out  # "zei hij zijn aanhang ...": the pronoun is the whole subject
    else:
        return out
    return _apposition(ctx, out, j) or out


def _apposition(ctx: _Context, phrase: list[Token], j: int) -> list[Token] | None:
    """ "vertelt een van de bezoekers, de 67-jarige Jan Smit, tegen ...": the named apposition."""
    if j >= len(ctx.doc) or ctx.doc[j].text != ",":
        return None
    app: list[Token] = []
    for k in range(j + 1, min(len(ctx.doc), j + 9)):
        tok = ctx.doc[k]
        if tok.is_punct or tok.is_space or _is_mark_text(tok.text):
            break
        app.append(tok)
    if app and _name_in_phrase(ctx, app) and not _name_in_phrase(ctx, phrase):
        return app
    return None


def _phrase_before(ctx: _Context, i: int, sent_start: int) -> list[Token]:
    """The clause material between the clause start and the cue verb at ``i``.

    "X, die gisteren aankwam, zei dat ..." and "X, de gezant van Y, zei ..." put a comma
    right before the verb; the subject is then the phrase before the first comma.
    """
    k = i - 1
    while k >= sent_start and ctx.doc[k].is_space:
        k -= 1
    if k >= sent_start and ctx.doc[k].text == ",":
        commas = [j for j in range(sent_start, k) if ctx.doc[j].text == ","]
        first = commas[0] if commas else None
        if first is not None:
            head = _phrase_before(ctx, first, sent_start)
            if _looks_nominal(ctx, head):
                return head
        return []
    j = i - 1
    while j >= sent_start:
        tok = ctx.doc[j]
        if tok.text in _CLAUSE_PUNCT or _is_mark_text(tok.text) or tok.text in _SENT_END:
            break
        if tok.lower_ in ("en", "maar", "want", "terwijl"):
            left = ctx.doc[j - 1] if j > sent_start else None
            right = ctx.doc[j + 1] if j + 1 < i else None
            joins_names = (
                tok.lower_ == "en"
                and left is not None
                and right is not None
                and (left.text.endswith("-") or left.text[:1].isupper())
                and right.text[:1].isupper()
            )
            if not joins_names:  # "Noord- en Oost-Gelderland", "Bagdad en Damascus"
                break
        subordinator = tok.lower_ in ("dat", "die", "omdat", "als", "toen", "nadat", "zodat")
        if subordinator and j < i - 1 and ctx.has_pos and tok.pos_ == "SCONJ":
            break
        j -= 1
    raw = [t for t in ctx.doc[j + 1 : i] if not t.is_space]
    if raw and (raw[0].lower_ in ctx.lex.prepositions or (ctx.has_pos and raw[0].pos_ == "ADP")):
        return []  # "In het bericht riep hij ...": a PP, the subject follows the verb
    phrase = _strip_edges(raw, ctx.lex)
    while phrase and (
        phrase[-1].lower_ in ctx.lex.auxiliaries
        or (ctx.has_pos and phrase[-1].pos_ == "ADV" and phrase[-1].is_lower and len(phrase) > 1)
    ):
        phrase = phrase[:-1]  # "Het kabinet heeft laten weten", "De inspectie dus"
    if any(ctx.in_quote(t.idx) for t in phrase):
        return []
    return phrase


def _names_someone(ctx: _Context, tokens: list[Token]) -> bool:
    """A pronoun, an entity mention or a proper name: a likely subject."""
    if not tokens:
        return False
    if len(tokens) == 1 and tokens[0].lower_ in ctx.lex.pronouns:
        return True
    if any(_mention_in(ctx, t.idx, t.idx + len(t.text)) for t in tokens):
        return True
    return _name_in_phrase(ctx, tokens) is not None


def _conjoined(ctx: _Context, i: int, after: list[Token]) -> bool:
    """ "X heeft dyslexie en legt zijn volgers uit": the verb shares the first subject."""
    k = i - 1
    while k > 0 and ctx.doc[k].is_space:
        k -= 1
    if ctx.doc[k].lower_ not in ("en", "maar"):
        return False
    if not after:
        return True
    first = after[0]
    return (
        first.lower_ in ("zijn", "haar", "hun", "de", "het", "een")
        and first.lower_ not in ctx.lex.pronouns
    )


def _looks_nominal(ctx: _Context, tokens: list[Token]) -> bool:
    if not tokens:
        return False
    if tokens[0].pos_ == "ADP" if ctx.has_pos else tokens[0].lower_ in ctx.lex.stop:
        return False
    if any(_mention_in(ctx, t.idx, t.idx + len(t.text)) for t in tokens):
        return True
    if len(tokens) == 1 and tokens[0].lower_ in ctx.lex.leading:
        return False
    if ctx.has_pos:
        if len(tokens) == 1 and tokens[0].pos_ == "ADV":
            return False
        return tokens[0].pos_ not in ("VERB", "AUX", "SCONJ") and (
            any(t.pos_ in _NOMINAL for t in tokens) or any(t.text[:1].isupper() for t in tokens)
        )
    return True


def _mention_in(ctx: _Context, start: int, end: int) -> ArticleEntity | None:
    for m_start, m_end, ent in ctx.mentions:
        if m_start < end and start < m_end:
            return ent
    return None


def _dep_subject(ctx: _Context, i: int) -> list[Token] | None:
    """The parser's subject of the cue verb (or of its auxiliary's head), when it has one."""
    if not ctx.has_dep:
        return None
    tok = ctx.doc[i]
    heads = [tok] if tok.dep_ not in ("aux", "aux:pass") else [tok, tok.head]
    for head in heads:
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubj:pass") and not ctx.in_quote(child.idx):
                span = [t for t in child.subtree if not ctx.in_quote(t.idx)]
                span = [t for t in span if abs(t.i - child.i) <= 8]
                return _strip_edges(span, ctx.lex) or None
    return None


def _speaker_from_tokens(ctx: _Context, tokens: list[Token], before: int) -> Speaker:
    """Name, pronoun or description from a subject phrase."""
    tokens = _strip_edges(tokens, ctx.lex)
    if not tokens or (len(tokens) == 1 and tokens[0].lower_ in ctx.lex.non_speakers):
        return _NO_SPEAKER
    if not any(
        sum(ch.isalpha() for ch in t.text) > 1 and t.lower_ not in ctx.lex.determiners
        for t in tokens
    ):
        return _NO_SPEAKER
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    written = ctx.text[start:end]
    if len(tokens) == 1 and tokens[0].lower_ in ctx.lex.pronouns:
        low = tokens[0].lower_
        label = "PER" if low in ctx.lex.person_only else "PER|ORG"
        return Speaker(None, written, None, "pronoun", start, label)
    # an entity heading the phrase, not one inside "van X" / "uit X"
    for k, tok in enumerate(tokens):
        ent = _mention_in(ctx, tok.idx, tok.idx + len(tok.text))
        if ent is None:
            continue
        governed = any(
            t.lower_ in ("van", "uit", "bij", "in", "op", "voor", "over", "tegen", "met")
            for t in tokens[:k]
        )
        if not governed and ent.label in ("PER", "ORG"):
            last = max(t for t in tokens if _mention_in(ctx, t.idx, t.idx + len(t.text)) is ent)
            written = ctx.text[start : last.idx + len(last.text)]  # without "woensdag" etc.
            return Speaker(ent.name, written, ent.entity_id, "explicit", start, ent.label)
        break
    name = _name_in_phrase(ctx, tokens)
    if name:
        tail = ctx.text.rfind(name.split()[-1], start, end)
        if tail >= 0:
            written = ctx.text[start : tail + len(name.split()[-1])]
        ent = ctx.entities.resolve(name)
        if ent is not None:
            return Speaker(ent.name, written, ent.entity_id, "explicit", start, ent.label)
        return Speaker(name, written, None, "explicit", start, "PER")
    words = [t for t in tokens if t.lower_ not in ctx.lex.determiners]
    if words and words[-1].lower_ in ctx.lex.roles and tokens[0].lower_ in ctx.lex.determiners:
        return Speaker(None, written, None, "pronoun", start, "PER")
    description = ctx.text[words[0].idx : end] if words else written
    return Speaker(description, written, None, "explicit", start, None)


def _name_in_phrase(ctx: _Context, tokens: list[Token]) -> str | None:
    """The proper name in a speaker phrase: "de Iraakse premier Adel Abdul-Mahdi" -> the
    name, "directeur Jan de Vries van de bond" -> "Jan de Vries"; None for descriptions."""
    cut = len(tokens)
    for k, tok in enumerate(tokens):
        if k > 0 and (
            tok.lower_ in ("uit", "bij", "namens", "over", "tegen")
            or (tok.lower_ == "van" and not _name_continues(tokens, k + 1))
        ):
            cut = k
            break
    head = tokens[:cut]
    while len(head) > 1 and head[-1].is_lower and head[-1].pos_ in ("ADV", "ADJ"):
        head = head[:-1]  # "kijkt Michel Mulder enthousiast vooruit"
    if not head or not head[-1].text[:1].isupper():
        return None
    run = [head[-1]]
    particles = ("de", "van", "der", "den", "al", "el", "bin", "ter", "ten", "von", "la", "le")
    for tok in reversed(head[:-1]):
        if tok.text[:1].isupper() or tok.text in _APOSTROPHES:
            run.append(tok)
        elif tok.lower_ in particles and tok.i > head[0].i and len(run) < 6:
            run.append(tok)  # "Sjaak van der Tak", "Nanda de Jongh"
        elif tok.lower_ in ("en", "&") and tok.i > head[0].i and tok.nbor(-1).text[:1].isupper():
            run.append(tok)  # "Justitie en Veiligheid"
        else:
            break
    while run and run[-1].lower_ in particles:
        run.pop()
    run.reverse()
    while run and _is_role(ctx, run[0]) and len(run) > 1:
        run = run[1:]  # "LTO-voorzitter Sjaak van der Tak"
    while run and run[0].lower_ in ("de", "van", "der", "den", "ter", "ten", "von"):
        run = run[1:]
    if not run:
        return None
    before_run = [t for t in head if t.i < run[0].i]
    if before_run and before_run[-1].lower_ in ctx.lex.prepositions | {"van"}:
        return None  # "het ministerie van Defensie": the name is not the head
    text = ctx.text[run[0].idx : run[-1].idx + len(run[-1].text)]
    if (
        run[0].i == tokens[0].i
        and run[0].is_sent_start
        and len(run) == 1
        and run[0].pos_ != "PROPN"
    ):
        return None
    name = clean_name(text)
    titles = ctx.lex.roles
    if not name or name.lower() in titles:
        return None
    return name


def _name_continues(tokens: list[Token], k: int) -> bool:
    """After "van": "Mierlo", "der Tak", "den Berg" go on with a name; "de bond" does not."""
    if k >= len(tokens):
        return False
    if tokens[k].text[:1].isupper():
        return True
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    return tokens[k].lower_ in ("der", "den") and nxt is not None and nxt.text[:1].isupper()


def _is_role(ctx: _Context, tok: Token) -> bool:
    """A role word, also as the head of a compound: "woordvoerder", "VVD-fractievoorzitter"."""
    low = tok.lower_
    tail = low.rsplit("-", 1)[-1]
    return low in ctx.lex.roles or tail in ctx.lex.roles or tail.endswith("voorzitter")


def _nearest_mention(
    ctx: _Context, before: int, labels: Iterable[str], spans: list[tuple[int, int]]
) -> tuple[int, ArticleEntity] | None:
    """The nearest entity mention before ``before`` outside any quoted or reported span."""
    wanted = set(labels)
    for m_start, _, ent in reversed(ctx.mentions):
        fits = m_start < before and ent is not None and ent.label in wanted
        if fits and not any(s <= m_start < e for s, e in spans):
            return m_start, ent
    return None


def _resolve_anaphor(
    ctx: _Context, spk: Speaker, history: list[Speaker], spans: list[tuple[int, int]]
) -> Speaker:
    """A pronoun or "de weerman": the latest fitting speaker or entity mention before it.

    Earlier speakers in the same paragraph win over bare mentions: a mention inside a
    reported clause ("... de haven van Antwerpen en hij vreest") is rarely the antecedent.
    """
    labels = tuple((spk.label or "PER|ORG").split("|"))
    para = ctx.para_of(spk.at)
    role = (spk.text or "").split()[-1].lower() if spk.text else ""
    if role in ctx.lex.roles:  # "de woordvoerder": the earlier speaker with that role
        for s in reversed(history):
            if s.at < spk.at and role in (s.text or "").lower().replace("-", " ").split():
                return Speaker(s.name, spk.text, s.entity_id, "pronoun", spk.at, s.label)

    def fits(s: Speaker) -> bool:
        return s.name is not None and (s.label in labels or (s.label is None and "ORG" in labels))

    fitting = [s for s in history if fits(s) and s.at < spk.at]
    last = fitting[-1] if fitting else None
    if last is not None and ctx.para_of(last.at) == para:
        return Speaker(last.name, spk.text, last.entity_id, "pronoun", spk.at, last.label)
    mention = _nearest_mention(ctx, spk.at, labels, spans)
    recent = last is not None and para - ctx.para_of(last.at) <= 2
    if last is not None and recent and (mention is None or mention[0] <= last.at):
        return Speaker(last.name, spk.text, last.entity_id, "pronoun", spk.at, last.label)
    if mention is not None:
        ent = mention[1]
        return Speaker(ent.name, spk.text, ent.entity_id, "pronoun", spk.at, ent.label)
    if last is not None and recent:
        return Speaker(last.name, spk.text, last.entity_id, "pronoun", spk.at, last.label)
    name = _proper_name_before(ctx, spk.at, spans) if "PER" in labels else None
    if name is not None:
        ent = ctx.entities.resolve(name)
        entity_id = ent.entity_id if ent else None
        return Speaker(ent.name if ent else name, spk.text, entity_id, "pronoun", spk.at, "PER")
    return Speaker(None, spk.text, None, "pronoun", spk.at, None)


def _proper_name_before(ctx: _Context, at: int, spans: list[tuple[int, int]]) -> str | None:
    """The NER missed the antecedent: the nearest run of two or more proper nouns before."""
    if not ctx.has_pos:
        return None
    end = ctx.token_at(at)
    run: list[Token] = []
    for k in range(end - 1, max(-1, end - 120), -1):
        tok = ctx.doc[k]
        inside = any(s <= tok.idx < e for s, e in spans)
        if tok.pos_ == "PROPN" and tok.text[:1].isupper() and not inside:
            run.insert(0, tok)
            continue
        if len(run) >= 2:
            break
        run = []
    if len(run) < 2:
        return None
    return clean_name(ctx.text[run[0].idx : run[-1].idx + len(run[-1].text)]) or None


def _verb_speaker(ctx: _Context, i: int, sent_start: int, sent_end: int) -> Speaker:
    """Subject of the cue verb at ``i``: the parse when it is plausible, else word order."""
    before = _phrase_before(ctx, i, sent_start)
    after = _phrase_after(ctx, i, sent_end)
    if _looks_nominal(ctx, before) and not (
        len(before) == 1 and before[0].lower_ in ("dat", "dit", "het", "er")
    ):
        if _names_someone(ctx, before) or not _names_someone(ctx, after):
            return _speaker_from_tokens(ctx, before, ctx.doc[i].idx)
        return _speaker_from_tokens(ctx, after, ctx.doc[i].idx)  # "Vorig jaar zei X"
    if after and not _conjoined(ctx, i, after):
        return _speaker_from_tokens(ctx, after, ctx.doc[i].idx)
    if after or _conjoined(ctx, i, after):
        verbs = [t.i for t in ctx.doc[sent_start:i] if ctx.is_verbal(t) and t.i > sent_start]
        if verbs:
            first = _phrase_before(ctx, verbs[0], sent_start)
            if _looks_nominal(ctx, first):
                return _speaker_from_tokens(ctx, first, ctx.doc[i].idx)
        if after:
            return _speaker_from_tokens(ctx, after, ctx.doc[i].idx)
    dep = _dep_subject(ctx, i)
    if dep:
        return _speaker_from_tokens(ctx, dep, ctx.doc[i].idx)
    return _NO_SPEAKER


# --- the rules --------------------------------------------------------------------------------


@dataclass
class _Found:
    start: int
    end: int
    kind: str
    attribution: Attribution | None
    headline: bool = False
    depth: int = 0
    sticky: bool = True  # whether later unattributed quotes may continue this speaker


def _attribution_after(ctx: _Context, close_at: int, sent_end: int) -> Attribution | None:
    """ "…", zegt X / "…", aldus X."""
    i = bisect_right(ctx.tok_starts, close_at)
    while i < len(ctx.doc) and i < sent_end + 2:
        tok = ctx.doc[i]
        if not (tok.text == "," or tok.is_space or _is_mark_text(tok.text)):
            break
        i += 1
    if i >= min(len(ctx.doc), sent_end + 2):
        return None
    tok = ctx.doc[i]
    if "\n" in ctx.text[close_at : tok.idx]:
        return None
    _s_start, s_end = ctx.sentence_of_token(i)
    if tok.lower_ == "aldus":
        return Attribution(
            "aldus", _speaker_from_tokens(ctx, _phrase_after(ctx, i, max(s_end, i + 1)), tok.idx)
        )
    if tok.lower_ in ctx.lex.copula_verbs:
        return _copula_attribution(ctx, i, s_end)
    lemma = ctx.cue_tokens.get(i)
    if lemma is None:
        return _inverted_verb_attribution(ctx, close_at, i, s_end)
    if lemma in ctx.lex.dat_only:
        return None
    after = _phrase_after(ctx, i, max(s_end, i + 1))
    if not after:
        return None
    return Attribution(lemma, _speaker_from_tokens(ctx, after, tok.idx))


def _inverted_verb_attribution(
    ctx: _Context, close_at: int, i: int, s_end: int
) -> Attribution | None:
    """ "…", lacht Jansen / "…", kijkt zij vooruit: after a quote and a comma, any finite
    verb followed by a name or pronoun attributes the quote, not only the listed cues."""
    tok = ctx.doc[i]
    comma = "," in ctx.text[close_at : tok.idx] or ctx.text[:close_at].rstrip().endswith(",")
    if not comma or not ctx.has_pos or tok.pos_ not in ("VERB", "AUX") or not tok.is_lower:
        return None
    if tok.lower_ in ctx.lex.stop or tok.lower_ in ctx.lex.auxiliaries:
        return None
    after = _phrase_after(ctx, i, max(s_end, i + 1))
    if not _names_someone(ctx, after):
        return None
    return Attribution(tok.lemma_ or tok.lower_, _speaker_from_tokens(ctx, after, tok.idx))


def _copula_attribution(ctx: _Context, i: int, s_end: int) -> Attribution | None:
    """ "…", waren enkele reacties op sociale media / was het antwoord van X."""
    phrase: list[Token] = []
    for j in range(i + 1, min(s_end, i + 10)):
        tok = ctx.doc[j]
        if tok.is_punct or tok.is_space or _is_mark_text(tok.text):
            break
        phrase.append(tok)
    heads = [k for k, t in enumerate(phrase) if t.lower_ in ctx.lex.copula_nouns]
    if not heads:
        return None
    noun = phrase[heads[0]]
    rest = phrase[heads[0] + 1 :]
    if rest and rest[0].lower_ == "van" and len(rest) > 1:
        return Attribution(
            noun.lemma_ or noun.lower_, _speaker_from_tokens(ctx, rest[1:], rest[1].idx)
        )
    return Attribution(noun.lemma_ or noun.lower_, _speaker_from_tokens(ctx, phrase, phrase[0].idx))


def _attribution_before(
    ctx: _Context, open_at: int, sent_start: int
) -> tuple[Attribution | None, bool]:
    """X zegt: "…" / X: "…"; returns (attribution, whether the quote stands on its own)."""
    prefix_start = ctx.doc[sent_start].idx if sent_start < len(ctx.doc) else 0
    para_start = ctx.paras[ctx.para_of(open_at)][0]
    prefix_start = max(prefix_start, para_start)
    prefix = ctx.text[prefix_start:open_at]
    stripped = prefix.rstrip()
    if not stripped or stripped[-1] in _SENT_END or stripped[-1] in _FAMILY:
        return None, True
    if not stripped.endswith(":"):
        return None, False
    colon = prefix_start + len(stripped) - 1
    first = ctx.token_at(prefix_start)
    last = ctx.token_at(colon)
    cue_idx = [k for k in range(first, last) if k in ctx.cue_tokens]
    if cue_idx:
        k = cue_idx[-1]
        return Attribution(ctx.cue_tokens[k], _verb_speaker(ctx, k, first, last)), True
    tokens = [t for t in ctx.doc[first:last] if not t.is_space]
    if 0 < len(tokens) <= 6:
        return Attribution(":", _colon_speaker(ctx, tokens)), True
    tail = tokens[-6:]
    for k in range(len(tail)):
        if tail[k].text[:1].isupper() and _name_in_phrase(ctx, tail[k:]):
            return Attribution(":", _colon_speaker(ctx, tail[k:])), True
    return None, True


def _colon_speaker(ctx: _Context, tokens: list[Token]) -> Speaker:
    spk = _speaker_from_tokens(ctx, tokens, tokens[0].idx)
    if spk.resolution == "explicit":
        return Speaker(spk.name, spk.text, spk.entity_id, "colon")
    return spk


def _sentence_attribution(
    ctx: _Context, s_start: int, s_end: int, exclude: tuple[int, int]
) -> Attribution | None:
    """The attribution of the sentence a partial quote sits in: a cue verb or "volgens X"."""
    cues = [k for k in range(s_start, s_end) if k in ctx.cue_tokens]
    cues = [k for k in cues if not (exclude[0] <= ctx.doc[k].idx < exclude[1])]
    cues = [k for k in cues if not ctx.in_quote(ctx.doc[k].idx)]
    if cues:
        k = cues[0]
        return Attribution(ctx.cue_tokens[k], _verb_speaker(ctx, k, s_start, s_end))
    for k in range(s_start, s_end):
        tok = ctx.doc[k]
        if tok.lower_ in ("volgens", "aldus") and not ctx.in_quote(tok.idx):
            phrase = _volgens_phrase(ctx, k, s_end)
            if phrase:
                return Attribution(tok.lower_, _speaker_from_tokens(ctx, phrase, tok.idx))
    return None


def _volgens_phrase(ctx: _Context, k: int, s_end: int) -> list[Token]:
    """The source after "volgens": a noun phrase up to a verb, punctuation or adverb."""
    out: list[Token] = []
    seen_head = False
    for j in range(k + 1, min(s_end, k + 9)):
        tok = ctx.doc[j]
        if tok.is_punct or tok.is_space or _is_mark_text(tok.text):
            break
        open_np = bool(out) and (
            out[-1].pos_ in ("DET", "ADJ", "NUM") or out[-1].lower_ in ("de", "het", "een", "van")
        )
        if ctx.has_pos and open_np and tok.pos_ not in ("ADP", "SCONJ", "CCONJ"):
            seen_head = seen_head or tok.pos_ in ("NOUN", "PROPN", "X", "VERB")
        elif ctx.has_pos:
            pos = tok.pos_
            if pos in ("VERB", "AUX", "SCONJ", "CCONJ") and not (
                tok.lower_ == "en" and out and out[-1].text[:1].isupper()
            ):
                break
            if pos == "ADP" and tok.lower_ != "van":
                break
            if seen_head and pos in ("ADV", "ADJ", "NUM", "DET"):
                break  # a new constituent: "volgens de provincie honderden ..."
            if pos in ("NOUN", "PROPN", "X", "PRON"):
                seen_head = True
        elif (
            tok.lower_ in ctx.lex.stop
            or tok.lower_ in ctx.lex.auxiliaries
            or (out and out[-1].text[:1].isupper() and tok.is_lower)
        ):
            break  # without a tagger: a capitalized name ends at the next lowercase word
        out.append(tok)
        if len(out) == 1 and tok.lower_ in ctx.lex.pronouns:
            break  # "volgens hen"
    if out and ctx.has_pos and out[-1].lower_ == "van":
        out = out[:-1]
    return out


def _is_nonagent(ctx: _Context, phrase: list[Token]) -> bool:
    if not phrase:
        return True
    head = phrase[-1].lower_
    if any(
        t.lower_ in ("hun", "zijn", "haar", "mijn", "onze", "ons", "jouw", "uw") for t in phrase[:1]
    ):
        return True
    return any(head == w or head.endswith(w) for w in ctx.lex.nonagents)


def _clause_end(ctx: _Context, start_tok: int, s_end: int) -> int:
    """End token of a reported clause: before the next attribution in the sentence."""
    end = s_end
    for k in range(start_tok + 1, s_end):
        if k in ctx.cue_tokens or ctx.doc[k].lower_ in ("volgens",):
            j = k - 1
            while j > start_tok:
                low = ctx.doc[j].lower_
                if low in (",", "en", "maar", "want", ";"):
                    return j
                j -= 1
        tok = ctx.doc[k]
        if (
            tok.text == ","
            and k + 1 < s_end
            and ctx.doc[k + 1].lower_ in ("maar", "al", "want", "terwijl")
        ):
            return k
        if tok.text in (";",):
            return k
    return end


def _char_span(ctx: _Context, a: int, b: int) -> tuple[int, int]:
    """Token range -> trimmed character span (no trailing comma/space)."""
    if b <= a:
        return (0, 0)
    start = ctx.doc[a].idx
    last = ctx.doc[b - 1]
    end = last.idx + len(last.text)
    start, end = _trimmed(ctx.text, start, end)
    while end > start and ctx.text[end - 1] in ",;:":
        end -= 1
    return start, end


def _direct_and_partial(ctx: _Context) -> list[_Found]:
    scanned = scan_quotes(ctx.text)
    spans = [
        q
        for q in scanned
        if is_statement(ctx.text[q.start : q.end]) and not _is_title(ctx.text, q.open_at)
    ]
    ctx.quoted = [(q.start, q.end) for q in spans]
    found: list[_Found] = []
    previous: tuple[QuoteSpan, _Found] | None = None
    for q in spans:
        if q.depth == 0 and previous is not None and _split_second_half(ctx, previous, q):
            f = _Found(q.start, q.end, "direct", previous[1].attribution)
            found.append(f)
            previous = (q, f)
            continue
        tok = ctx.token_at(q.start)
        s_start, s_end = ctx.sentence_of_token(tok)
        p_start, p_end = ctx.paras[ctx.para_of(q.open_at)]
        if q.depth > 0:
            found.append(_Found(q.start, q.end, "direct", Attribution(None, _NO_SPEAKER), depth=1))
            continue
        before, standalone = _attribution_before(
            ctx, q.open_at, ctx.sentence_of_token(ctx.token_at(q.open_at))[0]
        )
        attribution = before
        if attribution is None and q.close_at is not None:
            close_tok = ctx.token_at(q.close_at)
            attribution = _attribution_after(ctx, q.close_at, ctx.sentence_of_token(close_tok)[1])
        if attribution is None and standalone and q.close_at is not None:
            attribution = _next_that_sentence(ctx, q.close_at)
        kind = "direct" if standalone else "partial"
        if attribution is None and not standalone:
            attribution = _sentence_attribution(ctx, s_start, s_end, (q.start, q.end))
            if attribution is None:
                attribution = _sentence_attribution(
                    ctx, *ctx.sentence_of_token(ctx.token_at(q.open_at)), (q.start, q.end)
                )
        headline = (
            q.open_at <= p_start + 1
            and (q.close_at is not None and not ctx.text[q.close_at + 1 : p_end].strip())
            and ctx.text[q.start : q.end].rstrip()[-1:] not in ".!?"
        )
        found.append(_Found(q.start, q.end, kind, attribution, headline=headline))
        previous = (q, found[-1])
    _share_list_attribution(ctx, scanned, spans, found)
    return found


def _split_second_half(ctx: _Context, previous: tuple[QuoteSpan, _Found], q: QuoteSpan) -> bool:
    """ "Dit is één", zegt X, "en dit is twee.": the second half shares the attribution."""
    prev_q, prev_f = previous
    if prev_q.close_at is None or prev_f.attribution is None or prev_f.kind != "direct":
        return False
    between = ctx.text[prev_q.close_at + 1 : q.open_at]
    if "\n" in between or not between.rstrip().endswith(","):
        return False
    return 2 <= word_count(between) <= 8 and between.lstrip().startswith(",")


def _share_list_attribution(
    ctx: _Context, scanned: list[QuoteSpan], spans: list[QuoteSpan], found: list[_Found]
) -> None:
    """ "A", "B" en "C", zei X: every quote of the list gets the attribution after the last.

    Short quoted terms in the list ("idioot") are not quotes but still link the chain.
    """
    by_span = {(q.start, q.end): f for q, f in zip(spans, found, strict=True)}
    outer = [q for q in scanned if q.depth == 0]
    carried: Attribution | None = None
    for k in range(len(outer) - 1, -1, -1):
        q = outer[k]
        f = by_span.get((q.start, q.end))
        linked = False
        if k + 1 < len(outer) and q.close_at is not None:
            between = ctx.text[q.close_at + 1 : outer[k + 1].open_at]
            words = [w for w in re.split(r"[\s,]+", between) if w]
            linked = all(w.lower() in ctx.lex.list_joiners for w in words) and "\n" not in between
        if not linked:
            carried = None
        if f is None:
            continue
        if f.attribution is None and carried is not None:
            f.attribution = carried
            f.kind = "direct" if f.kind == "direct" else f.kind
        if f.attribution is not None:
            carried = f.attribution


def _headline_colon(ctx: _Context) -> list[_Found]:
    """A short paragraph "Speaker: statement" is a direct quote with cue ":"."""
    found: list[_Found] = []
    for p_start, p_end in ctx.paras:
        para = ctx.text[p_start:p_end]
        if "\n" in para.strip() or para.rstrip()[-1:] in ".!?" or word_count(para) > 16:
            continue
        m = re.match(r"\s*([^\W\d_][\w’'.\- ]{0,40}?):\s+(\S.*?)\s*$", para)
        if not m or word_count(m.group(2)) < MIN_QUOTE_WORDS or word_count(m.group(1)) > 4:
            continue
        if not m.group(1)[:1].isupper():
            continue
        s_start, s_end = p_start + m.start(2), p_start + m.end(2)
        if opens_quote_at(ctx.text, s_start):
            continue  # a quoted statement: the mark scanner has it
        first, last = ctx.token_at(p_start + m.start(1)), ctx.token_at(p_start + m.end(1) - 1) + 1
        tokens = [t for t in ctx.doc[first:last] if not t.is_space and t.text != ":"]
        if not tokens:
            continue
        spk = _colon_speaker(ctx, tokens)
        found.append(_Found(s_start, s_end, "direct", Attribution(":", spk)))
    return found


def _indirect(ctx: _Context) -> list[_Found]:
    found: list[_Found] = []
    doc = ctx.doc
    parse_dat: dict[int, int] = {}
    for _, (cue, _, mark) in ctx.dep_matches:
        parse_dat.setdefault(cue, mark)

    taken: set[int] = set()
    for i, lemma in sorted(ctx.cue_tokens.items()):
        if lemma in ctx.lex.no_dat or ctx.in_quote(doc[i].idx):
            continue
        s_start, s_end = ctx.sentence_of_token(i)
        mark = parse_dat.get(i)
        if mark is None or mark >= s_end:
            mark = _dat_after(ctx, i, s_end)
        if mark is None or mark in taken:
            continue
        taken.add(mark)
        end_tok = _clause_end(ctx, mark, s_end)
        start, end = _char_span(ctx, mark + 1, end_tok)
        if word_count(ctx.text[start:end]) < 2:
            continue
        if any(qs <= start + 3 and qe >= end - 3 for qs, qe in ctx.quoted):
            continue  # 'zei dat "…"': the partial quote carries it
        if opens_quote_at(ctx.text, start) and any(start < qs <= start + 2 for qs, _ in ctx.quoted):
            continue
        spk = _verb_speaker(ctx, i, s_start, s_end)
        found.append(_Found(start, end, "indirect", Attribution(lemma, spk)))

    found.extend(_trailing_attribution(ctx, found))
    found.extend(_volgens(ctx, found))
    found.extend(_noun_cues(ctx, found))
    found.extend(_fixed_phrases(ctx, found))
    found.extend(_zo_parenthetical(ctx, found))
    found.extend(_te_clauses(ctx, found))
    return found


def _zo_parenthetical(ctx: _Context, found: list[_Found]) -> list[_Found]:
    """ "Het leger, zo constateert het ministerie in een rapport, heeft te weinig mensen"."""
    out: list[_Found] = []
    doc = ctx.doc
    for m_start, _ in ctx.matches.get("ZO_CUE", []):
        k = m_start + 2
        if k not in ctx.cue_tokens or ctx.in_quote(doc[k].idx):
            continue
        _, s_end = ctx.sentence_of_token(k)
        close = next((j for j in range(k + 1, s_end) if doc[j].text == ","), None)
        if close is None:
            continue
        start, end = _char_span(ctx, close + 1, _clause_end(ctx, close + 1, s_end))
        if word_count(ctx.text[start:end]) < 3 or _covered(found + out, start, end):
            continue
        phrase = _phrase_after(ctx, k, close)
        spk = _speaker_from_tokens(ctx, phrase, doc[k].idx) if phrase else _NO_SPEAKER
        out.append(_Found(start, end, "indirect", Attribution(ctx.cue_tokens[k], spk)))
    return out


def _roles_open(text: str, tok: Token) -> bool:
    """Whether a quotation-mark token opens (rather than closes) a quote."""
    mark = _mark_at(text, tok.idx)
    return mark is not None and mark[2] and not mark[3]


def _te_clauses(ctx: _Context, found: list[_Found]) -> list[_Found]:
    """ "X kondigde aan de troepen terug te trekken": the infinitive clause is the statement."""
    out: list[_Found] = []
    doc = ctx.doc
    for k, lemma in sorted(ctx.cue_tokens.items()):
        if lemma not in ctx.lex.te_clause or ctx.in_quote(doc[k].idx):
            continue
        s_start, s_end = ctx.sentence_of_token(k)
        if _dat_after(ctx, k, s_end) is not None:
            continue
        particle = ctx.lex.particle.get(lemma)
        begin = None
        for j in range(k + 1, min(s_end, k + 12)):
            if doc[j].is_punct or _is_mark_text(doc[j].text):
                break
            if particle and doc[j].lower_ == particle:
                begin = j + 1
                break
        if begin is None:
            continue
        te = next(
            (j for j in range(begin, min(s_end - 1, begin + 15)) if doc[j].lower_ == "te"), None
        )
        if te is None or any(doc[j].text in ",;:" for j in range(begin, te)):
            continue
        stop, words = te + 1, 0
        while stop < min(s_end, te + 6):  # the verb cluster: "te blijven vechten"
            tok = doc[stop]
            if _is_mark_text(tok.text):
                stop += 1
                continue
            if tok.is_punct or tok.is_space or (words and not ctx.is_verbal(tok)):
                break
            words += 1
            stop += 1
        while (
            stop > te + 1
            and _is_mark_text(doc[stop - 1].text)
            and _roles_open(ctx.text, doc[stop - 1])
        ):
            stop -= 1
        start, end = _char_span(ctx, begin, stop)
        if word_count(ctx.text[start:end]) < 3 or _covered(found + out, start, end):
            continue
        spk = _verb_speaker(ctx, k, s_start, s_end)
        out.append(_Found(start, end, "indirect", Attribution(lemma, spk)))
    return out


def _noun_cues(ctx: _Context, found: list[_Found]) -> list[_Found]:
    """ "de aankondiging van X dat …", "de Iraanse waarschuwing dat …"."""
    out: list[_Found] = []
    doc = ctx.doc
    for k, _ in ctx.matches.get("NOUN_DAT", []):
        if ctx.in_quote(doc[k].idx):
            continue
        s_start, s_end = ctx.sentence_of_token(k)
        mark = None
        owner: list[Token] = []
        j = k + 1
        if j < s_end and doc[j].lower_ == "van":
            owner = _volgens_phrase(ctx, j, s_end)
            j = owner[-1].i + 1 if owner else j + 1
        if j < s_end and doc[j].lower_ == "dat":
            mark = j
        if mark is None:
            continue
        end_tok = _clause_end(ctx, mark, s_end)
        start, end = _char_span(ctx, mark + 1, end_tok)
        if word_count(ctx.text[start:end]) < 2 or _covered(found + out, start, end):
            continue
        if not owner and k > s_start and doc[k - 1].pos_ == "ADJ" and doc[k - 1].text[:1].isupper():
            owner = [doc[k - 1]]
        spk = _speaker_from_tokens(ctx, owner, doc[k].idx) if owner else _NO_SPEAKER
        attribution = Attribution(ctx.lex.nouns[doc[k].lower_], spk)
        out.append(_Found(start, end, "indirect", attribution, sticky=False))
    return out


def _fixed_phrases(ctx: _Context, found: list[_Found]) -> list[_Found]:
    """ "X zag naar eigen zeggen …": the whole sentence, said by its subject."""
    out: list[_Found] = []
    doc = ctx.doc
    for k, k_end in ctx.matches.get("PHRASE", []):
        if ctx.in_quote(doc[k].idx):
            continue
        s_start, s_end = ctx.sentence_of_token(k)
        start, end = _char_span(ctx, s_start, s_end)
        if _covered(found + out, start, end):
            continue
        verbs = [t.i for t in doc[s_start:k] if ctx.is_verbal(t)]
        subject = _phrase_before(ctx, verbs[0], s_start) if verbs else []
        spk = _speaker_from_tokens(ctx, subject, doc[k].idx) if subject else _NO_SPEAKER
        cue = doc[k:k_end].text.lower()
        out.append(_Found(start, end, "indirect", Attribution(cue, spk)))
    return out


def _dat_after(ctx: _Context, i: int, s_end: int) -> int | None:
    """The complementizer "dat" a few words after a cue verb (no parse needed)."""
    for j in range(i + 1, min(s_end, i + 8)):
        tok = ctx.doc[j]
        if tok.is_punct or _is_mark_text(tok.text) or tok.is_space:
            return None
        if tok.lower_ == "dat":
            nxt = ctx.doc[j + 1] if j + 1 < len(ctx.doc) else None
            if nxt is None or nxt.is_punct or nxt.is_space:
                return None
            if ctx.has_pos and tok.pos_ in ("PRON", "DET") and ctx.is_verbal(nxt):
                return None
            return j
        if ctx.is_verbal(tok) and j > i + 1 and tok.lower_ not in ctx.lex.particle.values():
            return None
    return None


def _covered(found: list[_Found], start: int, end: int) -> bool:
    return any(f.start < end and start < f.end for f in found)


def _volgens(ctx: _Context, found: list[_Found]) -> list[_Found]:
    """ "Volgens X …" / "… volgens X …": the main clause is the statement."""
    out: list[_Found] = []
    doc = ctx.doc
    for k, _ in ctx.matches.get("VOLGENS", []):
        tok = doc[k]
        if ctx.in_quote(tok.idx) or _covered(found + out, tok.idx, tok.idx + 1):
            continue
        s_start, s_end = ctx.sentence_of_token(k)
        phrase = _volgens_phrase(ctx, k, s_end)
        if not phrase or _is_nonagent(ctx, phrase):
            continue
        if any(
            j in ctx.cue_tokens and doc[j - 1].text == ","
            for j in range(max(s_start + 1, k - 6), k)
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
        start, end = _char_span(ctx, a, b)
        if end - start < 8:
            continue
        if _covered(found + out, start, end):
            continue
        quoted = sum(
            min(qe, end) - max(qs, start) for qs, qe in ctx.quoted if qs < end and start < qe
        )
        if quoted * 2 > end - start:
            continue
        spk = _speaker_from_tokens(ctx, phrase, tok.idx)
        out.append(_Found(start, end, "indirect", Attribution("volgens", spk)))
    return out


def _trailing_attribution(ctx: _Context, found: list[_Found]) -> list[_Found]:
    """ "…, zegt X." / "…, aldus X." after an unquoted statement, and "Dat meldt X." after one."""
    out: list[_Found] = []
    doc = ctx.doc
    for s_start, s_end in ctx.sents:
        toks = [t for t in doc[s_start:s_end] if not t.is_space]
        if len(toks) < 3:
            continue
        first_char, last_char = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if any(qs < last_char and first_char < qe for qs, qe in ctx.quoted):
            continue
        # "…, zegt X." at the end
        for k in range(len(toks) - 2, 0, -1):
            t = toks[k]
            if toks[k - 1].text != ",":
                continue
            lemma = "aldus" if t.lower_ == "aldus" else ctx.cue_tokens.get(t.i)
            if lemma is None or lemma in ctx.lex.dat_only:
                continue
            phrase = _phrase_after(ctx, t.i, s_end)
            colon = next((x.i for x in toks[k + 1 :] if x.text == ":"), None)
            rest = [x for x in toks[k + 1 :] if not x.is_punct and (colon is None or x.i < colon)]
            if (
                not phrase
                or len(rest) > 14
                or any(
                    x.i != t.i and (x.i in ctx.cue_tokens or x.lower_ == "dat" or ctx.is_verbal(x))
                    for x in rest
                )
            ):
                continue
            start, end = _char_span(ctx, s_start, toks[k - 1].i)
            spk = _speaker_from_tokens(ctx, phrase, t.idx)
            if word_count(ctx.text[start:end]) >= 3 and not _covered(found + out, start, end):
                out.append(_Found(start, end, "indirect", Attribution(lemma, spk)))
            if colon is not None:  # "..., oordeelde de jury: <second statement>."
                c_start, c_end = _char_span(ctx, colon + 1, s_end)
                if word_count(ctx.text[c_start:c_end]) >= 3 and not _covered(
                    found + out, c_start, c_end
                ):
                    out.append(_Found(c_start, c_end, "indirect", Attribution(lemma, spk)))
            break
        # "Dat schrijft X." about the sentence before
        that = _that_sentence(ctx, s_start, s_end)
        if that is not None:
            idx = ctx.sents.index((s_start, s_end))
            if idx == 0:
                continue
            p_start, p_end = ctx.sents[idx - 1]
            if ctx.para_of(doc[p_start].idx) != ctx.para_of(toks[0].idx):
                continue
            start, end = _char_span(ctx, p_start, p_end)
            if any(qs < end and start < qe for qs, qe in ctx.quoted) or _covered(
                found + out, start, end
            ):
                continue
            if word_count(ctx.text[start:end]) >= 3:
                out.append(_Found(start, end, "indirect", that))
    return out


def _that_sentence(ctx: _Context, s_start: int, s_end: int) -> Attribution | None:
    """ "Dat meldt X." / "Dat heeft X gisteren gezegd.": a statement about the one before."""
    toks = [t for t in ctx.doc[s_start:s_end] if not t.is_space and not _is_mark_text(t.text)]
    if len(toks) < 3 or len(toks) > 40 or toks[0].lower_ not in ("dat", "dit"):
        return None
    verb = toks[1]
    if verb.i in ctx.cue_tokens:
        lemma = ctx.cue_tokens[verb.i]
        phrase = _phrase_after(ctx, verb.i, s_end)
    elif verb.lower_ in ctx.lex.auxiliaries:
        cues = [t for t in toks[2:] if t.i in ctx.cue_tokens]
        if not cues:
            return None
        lemma = ctx.cue_tokens[cues[0].i]
        phrase = []
        for t in toks[2:]:
            if t.i == cues[0].i or t.lower_ in ctx.lex.stop or t.is_punct:
                break
            phrase.append(t)
    else:
        return None
    if not phrase:
        return None
    return Attribution(lemma, _speaker_from_tokens(ctx, phrase, verb.idx))


def _next_that_sentence(ctx: _Context, close_at: int) -> Attribution | None:
    """A quote followed by "Dat zei X." in the same paragraph."""
    para = ctx.para_of(close_at)
    for s_start, s_end in ctx.sents:
        toks = [t for t in ctx.doc[s_start:s_end] if not t.is_space and not _is_mark_text(t.text)]
        if not toks or toks[-1].idx <= close_at:
            continue
        if toks[0].idx <= close_at or ctx.para_of(toks[0].idx) != para:
            return None
        between = ctx.text[close_at + 1 : toks[0].idx]
        if any(ch.isalnum() for ch in between):
            return None
        return _that_sentence(ctx, s_start, s_end)
    return None


def _is_title(text: str, open_at: int) -> bool:
    """ "de campagne 'Samen sterk'": quoted words right after a title noun name a work."""
    before = text[max(0, open_at - 40) : open_at].split()
    return bool(before) and before[-1].lower().strip(",:") in cue_lexicon().title_nouns


def _speech_events(ctx: _Context, found: list[_Found]) -> list[_Found]:
    """Reporting verbs that introduce no quote of their own ("X legt uit wat ...", "X zegt:")
    still make X the current speaker for the quote paragraph that follows."""
    events = []
    for k in sorted(ctx.cue_tokens):
        tok = ctx.doc[k]
        if ctx.in_quote(tok.idx) or _covered(found, tok.idx, tok.idx + len(tok.text)):
            continue
        s_start, s_end = ctx.sentence_of_token(k)
        first, last = ctx.doc[s_start].idx, ctx.doc[s_end - 1].idx
        if any(first <= qs <= last for qs, _ in ctx.quoted):
            continue  # the quote in this sentence already has its attribution
        spk = _verb_speaker(ctx, k, s_start, s_end)
        if spk.name is not None or spk.resolution == "pronoun":
            events.append(_Found(tok.idx, tok.idx, "event", Attribution(ctx.cue_tokens[k], spk)))
    return events


def _resolve_continuations(ctx: _Context, found: list[_Found]) -> list[tuple[_Found, Attribution]]:
    """Quotes without attribution continue the previous speaker (spec §3)."""
    out: list[tuple[_Found, Attribution]] = []
    last: Speaker | None = None
    last_para = -10
    history: list[Speaker] = []
    spans = [(f.start, f.end) for f in found]
    items = found + _speech_events(ctx, found)
    for f in sorted(items, key=lambda f: (f.start, f.depth)):
        para = ctx.para_of(f.start)
        attr = f.attribution
        if f.kind == "event":
            assert attr is not None
            spk = attr.speaker
            if spk.name is None:
                spk = _resolve_anaphor(ctx, spk, history, spans)
            if spk.name is not None:
                history.append(spk)
                last, last_para = spk, para
            continue
        if f.depth > 0:
            out.append((f, attr or Attribution(None, _NO_SPEAKER)))
            continue
        if attr is not None and attr.speaker.resolution == "pronoun" and attr.speaker.name is None:
            attr = Attribution(attr.cue, _resolve_anaphor(ctx, attr.speaker, history, spans))
        if attr is not None and attr.speaker.name is not None and attr.speaker.at >= 0:
            history.append(attr.speaker)
        if attr is None or (attr.speaker.name is None and attr.speaker.resolution is None):
            if f.headline or last is None or para - last_para > 6:
                attr = Attribution(attr.cue if attr else None, _NO_SPEAKER)
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


def extract_quotes(doc: Doc, entities: ArticleEntities) -> list[Quote]:
    """All quotes of one article, in text order, local ids ``q{n}``."""
    if all(t.is_space for t in doc):
        return []
    ctx = _Context(doc, entities)
    found = _direct_and_partial(ctx)
    found.extend(f for f in _headline_colon(ctx) if not _covered(found, f.start, f.end))
    found.extend(_indirect(ctx))
    quotes: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for f, attr in _resolve_continuations(ctx, found):
        start, end = _trimmed(ctx.text, f.start, f.end)
        if end <= start or (start, end) in seen:
            continue
        seen.add((start, end))
        spk = attr.speaker
        quotes.append(
            Quote(
                quote_id="",
                article_id="",
                sentence_idx=ctx.sent_of[ctx.token_at(start)] if len(doc) else 0,
                start=start,
                end=end,
                text=ctx.text[start:end],
                kind=f.kind,
                speaker=spk.name,
                speaker_text=spk.text,
                speaker_entity_id=spk.entity_id,
                cue=attr.cue if spk.resolution != "continuation" else None,
                resolution=spk.resolution,
                date=None,
            )
        )
    quotes.sort(key=lambda q: (q.start, q.end))
    return [
        Quote(**{**q.__dict__, "quote_id": f"q{n}"})
        for n, q in enumerate(quotes)
    ]
