"""newsclaims: Dutch news articles in, entities, numeric claims and quotes out as tables."""

__version__ = "0.1.0"

__all__ = ["__version__", "extract"]


def __getattr__(name: str) -> object:
    """``newsclaims.extract`` without importing spaCy on ``import newsclaims.records``."""
    if name == "extract":
        from newsclaims.api import extract

        return extract
    raise AttributeError(f"module 'newsclaims' has no attribute {name!r}")
