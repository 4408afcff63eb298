"""Local tense cues: does the clause around a mention point to the future?"""

from __future__ import annotations

import re

_FUTURE = re.compile(
    r"\b(?:will|won't|wo n't|shall|would|'ll|going to|gonna|is to|are to|was to|were to|"
    r"(?:plans?|planned|planning|expects?|expected|intends?|intended|aims?|hopes?|hoped|set|slated|due) to|"
    r"expected|scheduled|due|to be held|upcoming)\b",
    re.IGNORECASE,
)
_PAST = re.compile(r"\b(?:ended|since|last|was|were|began|started|closed|opened|killed|died)\s+(?:on\s+|in\s+)?$", re.IGNORECASE)
_FUTURE_IN_PAST = re.compile(r"\b(?:had been|had|was|were)\s+$", re.IGNORECASE)  # "had been due to expire Friday"
_REPORT = re.compile(r"\b(?:said|says|told|announced|reported|added|stated|declared|confirmed)\s*$", re.IGNORECASE)
_BOUNDARY = re.compile(r"[.;!?\"\u201c\u201d]\s|\n")


def tense_at(text: str, start: int, end: int) -> str:
    """"future" if the mention's clause has a future cue before it (within 60 characters) or
    just after it (within 25); "past" if a past cue ("ended", "since", "was") comes right
    before it; "none" otherwise. A reporting verb right before the mention ("said Friday")
    means "none": the saying is past."""
    lo = max(0, start - 60)
    before = text[lo:start]
    cut = None
    for m in _BOUNDARY.finditer(before):
        cut = m.end()
    if cut is not None:
        before = before[cut:]
    if _REPORT.search(before.rstrip(" ,on")):
        return "none"
    if _PAST.search(before):
        return "past"
    if re.search(r"\bby\s+$", before, re.IGNORECASE):  # a deadline: "by Friday", "by February" ...
        if not re.search(r"\b(?:had|was|were|did)\b", text[end : end + 40], re.IGNORECASE):
            return "future"  # ... unless the clause is in the past: "by Saturday the crowds had gone"
        return "none"
    cue: re.Match[str] | None = None
    for cue in _FUTURE.finditer(before):
        pass
    if cue is not None and not _FUTURE_IN_PAST.search(before[: cue.start()]):
        return "future"
    after = text[end : end + 25]
    stop = _BOUNDARY.search(after)
    if stop:
        after = after[: stop.start()]
    if re.match(r"\s*,?\s*(?:will|'ll|is to|are to|is expected|are expected|is scheduled|are scheduled|would)\b", after, re.IGNORECASE):
        return "future"
    return "none"
