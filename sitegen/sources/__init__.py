"""A story's source folder: which files are articles, and how each is read."""

from sitegen.sources.discover import Discovery, discover
from sitegen.sources.readers import read_article

__all__ = ["Discovery", "discover", "read_article"]
