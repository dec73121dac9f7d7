"""newsclaims: Dutch news articles in, entities, numeric claims and quotes out as tables."""

__version__ = "0.1.0"
