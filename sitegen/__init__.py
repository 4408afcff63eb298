"""sitegen: turn a folder of news articles into a static timeline-and-briefing website."""

__version__ = "0.1.0"
