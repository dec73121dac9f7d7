"""The user-editable alias table: one canonical name and label for a list of aliases."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newsclaims.namekeys import fold
from newsclaims.nlp import ALIASES_PATH


@dataclass(frozen=True)
class AliasEntry:
    """One row of the user-editable alias table."""

    canonical: str
    label: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class AliasTable:
    """Folded alias -> entry; loaded from ``data/aliases.csv``."""

    by_key: dict[str, AliasEntry] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path = ALIASES_PATH) -> AliasTable:
        by_key: dict[str, AliasEntry] = {}
        if not path.exists():
            return cls(by_key)
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                names = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
                entry = AliasEntry(row["canonical"].strip(), row["label"].strip(), tuple(names))
                for name in (entry.canonical, *entry.aliases):
                    by_key[fold(name)] = entry
        return cls(by_key)

    def lookup(self, name: str) -> AliasEntry | None:
        return self.by_key.get(fold(name))


@lru_cache(maxsize=1)
def default_aliases() -> AliasTable:
    """The shipped alias table, read once per process."""
    return AliasTable.load()
