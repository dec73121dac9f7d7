"""Entities: one canonical name, one label and a stable id per referent (spec §1).

A package: ``names`` (folding, titles, trimming), ``aliases`` (the alias table),
``spans`` (repairs to cut names), ``labels`` (label evidence), ``linking`` (short forms to
full names), ``extract`` (per article) and ``catalog`` (across articles).
"""

from newsclaims.entities.aliases import AliasEntry, AliasTable, default_aliases
from newsclaims.entities.catalog import Catalog
from newsclaims.entities.extract import ArticleEntities, ArticleEntity, extract_entities
from newsclaims.entities.labels import LABEL_PRIORITY
from newsclaims.entities.names import clean_name, is_title, named_part
from newsclaims.namekeys import entity_id_for, fold
from newsclaims.records import CatalogEntity, Mention

__all__ = [
    "LABEL_PRIORITY",
    "AliasEntry",
    "AliasTable",
    "ArticleEntities",
    "ArticleEntity",
    "Catalog",
    "CatalogEntity",
    "Mention",
    "clean_name",
    "default_aliases",
    "entity_id_for",
    "extract_entities",
    "fold",
    "is_title",
    "named_part",
]
