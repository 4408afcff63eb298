"""Turn the model into the files of the site. Pure: returns OutputFiles, writes nothing."""

from sitegen.render.plan import plan, theme_dir

__all__ = ["plan", "theme_dir"]
