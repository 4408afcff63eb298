"""Temporal tagging: find and normalise time expressions (TIMEX3) against the publication date.

>>> from datetime import date
>>> [t.value for t in tag("Erdogan said on Friday.", date(2023, 11, 6))]
['2023-11-03']
"""

from .model import RuleError, Timex
from .tagger import tag

__all__ = ["RuleError", "Timex", "tag"]
