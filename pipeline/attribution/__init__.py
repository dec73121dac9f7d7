"""Who said it: the one attribution layer that quotes and claims share.

Dutch news attributes statements in a handful of layouts ("X zegt dat …", "…, aldus X",
"volgens X …", "Dat meldt X.", a pronoun or "de woordvoerder" pointing back to a named
speaker, a paragraph of quotes continuing the last speaker). No library reads these for
Dutch (textacy's and citron's quote finders are English-only and need a good parse), and the
bundled parser is trained on little data, so the layer is hand-written and every rule that
reads the parse has a word-order fallback driven by one lexicon (``lexicon/cues.toml``).

Modules, by concern:

* ``lexicon``: the reporting-verb lexicon (one list for quotes and claim sources);
* ``view``: ``ArticleView``, everything about one parsed article computed once (token
  attributes in lists, sentences cut at paragraph breaks, entity mentions, cue tokens);
* ``cues``: finding the reporting cues (verbs with their particles, "volgens", noun cues);
* ``speakers``: the speaker phrase before or after a cue, "volgens X", "Dat meldt X";
* ``subjects``: the speaker of a statement with no cue verb (the clause's subject, a colon's
  lead);
* ``phrases``: the shape of a speaker phrase (appositions, relative clauses, fragments);
* ``roles``: role and organisation nouns, descriptions that refer back;
* ``anaphora``: pronouns and role nouns resolved to earlier speakers or entity mentions;
* ``continuation``: unattributed quotes continuing the previous speaker.
"""

from __future__ import annotations

from newsclaims.attribution.lexicon import CueLexicon, cue_lexicon
from newsclaims.attribution.types import NO_SPEAKER, Attribution, Found, Speaker, covered
from newsclaims.attribution.view import ArticleView

__all__ = [
    "NO_SPEAKER",
    "ArticleView",
    "Attribution",
    "CueLexicon",
    "Found",
    "Speaker",
    "covered",
    "cue_lexicon",
]
