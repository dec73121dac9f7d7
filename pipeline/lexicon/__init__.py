"""Small data files of language knowledge, loaded once and cached."""

from __future__ import annotations

import json
import tomllib
from functools import cache
from importlib import resources
from typing import Any


def _read(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@cache
def lines(name: str) -> tuple[str, ...]:
    """A one-item-a-line list (``#`` comments, blank lines ignored), as written."""
    items = (line.split("#", 1)[0].strip() for line in _read(name).splitlines())
    return tuple(item for item in items if item)


@cache
def words(name: str) -> frozenset[str]:
    """A one-item-a-line list (``#`` comments, blank lines ignored), lowercased."""
    return frozenset(item.lower() for item in lines(name))


# The known first names: two lists generated from the corpora and one kept by hand.
FIRST_NAME_FILES = ("first_names.txt", "first_names_news.txt", "first_names_common.txt")


@cache
def first_names() -> frozenset[str]:
    """Every known first name, lowercased (``FIRST_NAME_FILES``)."""
    return frozenset().union(*(words(name) for name in FIRST_NAME_FILES))


@cache
def people_nouns() -> frozenset[str]:
    """Nouns that count persons ("wethouder", "deelnemer", "Nederlander"), lowercased: the
    people category of ``units.toml``, for the claims' categories and the speakers alike."""
    return frozenset(w.lower() for w in toml("units.toml")["category"]["people"])


@cache
def toml(name: str) -> dict[str, Any]:
    """A TOML lexicon file as a dict."""
    return tomllib.loads(_read(name))


@cache
def json_file(name: str) -> Any:
    """A JSON lexicon file."""
    return json.loads(_read(name))


@cache
def pairs(name: str) -> tuple[tuple[str, str], ...]:
    """A two-column, tab-separated ``lines`` file, in file order."""
    out = []
    for item in lines(name):
        first, second = item.split("\t")
        out.append((first.strip(), second.strip()))
    return tuple(out)
