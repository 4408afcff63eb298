"""The docs cannot drift from the CLI: every command and option is documented."""

from __future__ import annotations

import re

from sitegen.cli import EXIT_CONTENT, EXIT_LOCKED, EXIT_OK, EXIT_USAGE, cli

from conftest import REPO

DOC = (REPO / "docs" / "input-and-cli.md").read_text(encoding="utf-8")
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_command_and_option_is_documented() -> None:
    for name, command in cli.commands.items():
        assert f"sitegen {name}" in DOC, name
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("-"):
                    assert opt in DOC, f"{name} {opt} is not in docs/input-and-cli.md"


def test_every_exit_code_is_documented() -> None:
    for code in (EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_LOCKED):
        assert re.search(rf"^\| `{code}` \|", DOC, re.M), code


def test_readme_opens_with_the_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert blocks[:2] == ["pip install . && sitegen build", "bash tests/setup.sh && python -m pytest"]
    ci = (REPO / ".ci" / "run").read_text()
    assert "bash tests/setup.sh" in ci and "python -m pytest" in ci
