"""Turn the model into the files of the site. Pure: returns OutputFiles, writes nothing."""

from sitegen.render.pages import Rendered, TemplateProblem, plan, theme_dir

__all__ = ["Rendered", "TemplateProblem", "plan", "theme_dir"]
