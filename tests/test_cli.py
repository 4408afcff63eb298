"""The CLI's exit codes and what is (and is not) published for each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen import __version__
from sitegen.cli import cli

from conftest import REPO, MakeStory, article

GOOD = article("Good one", "2023-11-06", "Fine text.")
WARNS = article("Undated", None, "No date here.")
BAD = "---\ntitle: Broken\npublished: 2023-02-30\n---\nx\n"


def run(*args: str, cwd: Path | None = None) -> tuple[int, str]:
    runner = CliRunner()
    if cwd is None:
        result = runner.invoke(cli, list(args), catch_exceptions=False)
    else:
        with runner.isolated_filesystem(temp_dir=cwd.parent):
            import os

            os.chdir(cwd)
            result = runner.invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_version() -> None:
    assert run("--version") == (0, f"sitegen, version {__version__}\n")


def test_clean_build_exits_0_and_publishes(make_story: MakeStory, tmp_path: Path) -> None:
    src = make_story({"good.md": GOOD, "static/CNAME": "news.example.org\n"})
    code, out = run("build", str(src), "-o", str(tmp_path / "out"))
    assert code == 0, out
    written = sum(1 for p in (tmp_path / "out").rglob("*") if p.is_file() and p.name != ".sitegen-site")
    assert out.strip() == f"built {tmp_path / 'out'}: 1 of 1 articles, 0 errors, 0 warnings; {written} files written"
    assert (tmp_path / "out" / "articles" / "good.html").is_file()
    assert (tmp_path / "out" / "CNAME").read_text() == "news.example.org\n"  # static/ copied verbatim


def test_content_problem_exits_1_and_publishes_the_rest(make_story: MakeStory, tmp_path: Path) -> None:
    src = make_story({"bad.md": BAD, "good.md": GOOD})
    code, out = run("build", str(src), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "bad.md:3: 'published' is '2023-02-30', which is not a calendar date (expected YYYY-MM-DD) [error]" in out
    assert "Traceback" not in out
    assert (tmp_path / "out" / "articles" / "good.html").is_file()
    assert not (tmp_path / "out" / "articles" / "bad.html").exists()


def test_warnings_alone_exit_0(make_story: MakeStory, tmp_path: Path) -> None:
    src = make_story({"undated.md": WARNS})
    code, out = run("build", str(src), "-o", str(tmp_path / "out"))
    assert code == 0 and "undated.md:1: no 'published' date" in out
    assert (tmp_path / "out" / "index.html").is_file()


@pytest.mark.parametrize("files", [{"undated.md": WARNS, "good.md": GOOD}, {"bad.md": BAD, "good.md": GOOD}])
def test_strict_publishes_nothing_and_keeps_the_previous_site(
    make_story: MakeStory, tmp_path: Path, files: dict[str, str]
) -> None:
    out = tmp_path / "out"
    assert run("build", str(make_story({"good.md": GOOD}, name="v1")), "-o", str(out))[0] == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    code, output = run("build", str(make_story(files, name="v2")), "-o", str(out), "--strict")
    assert code == 1 and "nothing published (--strict; " in output
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_duplicate_slugs_keep_the_first_and_report_the_second(make_story: MakeStory, tmp_path: Path) -> None:
    src = make_story({"a/talks.md": article("First"), "b/talks.md": article("Second")})
    code, out = run("build", str(src), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "b/talks.md:2: skipped: its slug 'talks' is already used by a/talks.md" in out
    assert "First" in (tmp_path / "out" / "articles" / "talks.html").read_text()


def test_unknown_key_is_warned_once_per_build(make_story: MakeStory, tmp_path: Path) -> None:
    src = make_story({"a.md": article("A", desk="world"), "b.md": article("B", desk="world")})
    code, out = run("build", str(src), "-o", str(tmp_path / "out"))
    assert code == 0 and out.count("unknown front matter key 'desk'") == 1 and "a.md:4:" in out


def test_retracted_article_disappears(make_story: MakeStory, tmp_path: Path) -> None:
    src = make_story({"a.md": GOOD, "gone.md": article("Withdrawn story", retracted="true")})
    code, out = run("build", str(src), "-o", str(tmp_path / "out"))
    assert code == 0 and "1 of 2 articles (1 retracted)" in out
    site = "".join(p.read_text() for p in (tmp_path / "out").rglob("*.html"))
    assert "Withdrawn story" not in site and not (tmp_path / "out" / "articles" / "gone.html").exists()


def test_config_error_exits_2_and_publishes_nothing(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "sitegen.toml").write_text('timezone = "Nowhere/Else"\n')
    code, out = run("build", cwd=tmp_path)
    assert code == 2
    assert out == "sitegen.toml: timezone: 'Nowhere/Else' is not an IANA time zone name such as 'Europe/London'\n"
    assert not (tmp_path / "site").exists()


def test_missing_source_exits_2(tmp_path: Path) -> None:
    code, out = run("build", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert code == 2 and "does not exist (expected the folder of articles)" in out
    assert not (tmp_path / "out").exists()


def test_usage_error_exits_2() -> None:
    assert run("build", "--no-such-flag")[0] == 2


def test_refuses_to_replace_a_folder_it_did_not_build(make_story: MakeStory, tmp_path: Path) -> None:
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.txt").write_text("years of work")
    code, message = run("build", str(make_story({"a.md": GOOD})), "-o", str(out))
    assert code == 2 and "was not built by sitegen" in message
    assert (out / "thesis.txt").read_text() == "years of work"


def test_check_validates_and_writes_nothing(make_story: MakeStory, tmp_path: Path) -> None:
    src = make_story({"bad.md": BAD, "good.md": GOOD})
    code, out = run("check", str(src), cwd=tmp_path)
    assert code == 1 and "bad.md:3:" in out and "checked" in out
    assert not (tmp_path / "site").exists()
    assert run("check", str(make_story({"good.md": GOOD}, name="ok")))[0] == 0


def test_defaults_build_seeds_into_site(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    code, out = run("build", cwd=tmp_path)
    assert code == 0, out
    assert (tmp_path / "site" / "articles" / "blinken-meets-turkish-counterpart.html").is_file()


def test_rebuild_is_byte_identical(make_story: MakeStory, tmp_path: Path) -> None:
    src = make_story({"a.md": GOOD, "b.txt": "Title\nStandfirst\nBody line.\n"})
    snapshots = []
    for name in ("one", "two"):
        assert run("build", str(src), "-o", str(tmp_path / name))[0] == 0
        root = tmp_path / name
        snapshots.append({p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()})
    assert snapshots[0] == snapshots[1]


def test_hostile_nesting_is_reported_not_a_traceback(make_story: MakeStory, tmp_path: Path) -> None:
    src = make_story({
        "deep_yaml.md": "---\ntitle: " + "[" * 5000 + "\n---\nx\n",
        "deep_list.md": article(body="".join("  " * i + "- x\n" for i in range(300))),
        "deep_quote.md": article(body=">" * 5000 + " x"),
        "good.md": GOOD,
    })
    code, out = run("build", str(src), "-o", str(tmp_path / "out"))
    assert code == 1 and "Traceback" not in out
    assert "deep_yaml.md:2: malformed front matter: nested too deeply" in out
    assert "deep_list.md: skipped: the Markdown is nested too deeply to render" in out
    assert "deep_quote.md: skipped: the Markdown is nested too deeply to render" in out
    index = (tmp_path / "out" / "index.html").read_text()
    assert "good.html" in index and "deep_list" not in index  # no link to a page that was not built


def test_broken_story_template_exits_2_and_names_the_file(make_story: MakeStory, tmp_path: Path) -> None:
    src = make_story({"a.md": GOOD, "templates/index.html": "{% extends 'base.html' %}\n{% block main %}{% if %}"})
    code, out = run("build", str(src), "-o", str(tmp_path / "out"))
    assert code == 2 and "index.html:2: " in out and "(expected a Jinja2 template)" in out
    assert not (tmp_path / "out").exists()


def test_timex_json_reads_stdin() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["timex", "-", "--dct", "2023-11-06", "--format", "json"],
                           input="Erdogan said on Friday that talks continue.")
    assert result.exit_code == 0, result.output
    tags = json.loads(result.output)
    assert [(t["text"], t["type"], t["value"]) for t in tags] == [("Friday", "DATE", "2023-11-03")]
    assert list(tags[0]) == ["start", "end", "text", "type", "value", "mod", "earliest", "latest", "rule"]


def test_timex_rejects_a_bad_dct() -> None:
    result = CliRunner().invoke(cli, ["timex", "-", "--dct", "06/11/2023"], input="x")
    assert result.exit_code == 2 and "'06/11/2023' is not a date (expected YYYY-MM-DD)" in result.output


def test_empty_or_all_broken_story_publishes_nothing(make_story: MakeStory, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(make_story({"good.md": GOOD}, name="v1")), "-o", str(out))[0] == 0
    before = (out / "index.html").read_bytes()
    for files, name in (({"README.md": "notes"}, "empty"), ({"bad.md": BAD}, "broken")):
        code, message = run("build", str(make_story(files, name=name)), "-o", str(out))
        assert code == 1 and "nothing published (no article could be built;" in message, message
        assert (out / "index.html").read_bytes() == before
    assert "no articles found (expected .md or .txt files)" in run("build", str(tmp_path / "empty"), "-o", str(out))[1]


def test_check_reports_what_build_would(make_story: MakeStory, tmp_path: Path) -> None:
    src = make_story({"good.md": GOOD, "nested.md": article(body=">" * 200 + " x"), "static/index.html": "x"})
    check_code, check_out = run("check", str(src))
    build_code, build_out = run("build", str(src), "-o", str(tmp_path / "out"))
    assert check_code == build_code == 1
    problems = [line for line in check_out.splitlines() if line.endswith(("[error]", "[warning]"))]
    assert problems == [line for line in build_out.splitlines() if line.endswith(("[error]", "[warning]"))]
    assert len(problems) == 2


def test_no_strict_overrides_the_config_file(make_story: MakeStory, tmp_path: Path) -> None:
    src = make_story({"undated.md": WARNS})
    (tmp_path / "sitegen.toml").write_text(f'source = "{src}"\noutput = "out"\nstrict = true\n')
    assert run("build", cwd=tmp_path)[0] == 1
    assert run("build", "--no-strict", cwd=tmp_path)[0] == 0
    assert (tmp_path / "out" / "index.html").is_file()


def test_config_problems_name_where_the_value_came_from(tmp_path: Path) -> None:
    code, out = run("build", "nope", cwd=tmp_path)
    assert code == 2 and out.startswith(f"command line: source: '{tmp_path / 'nope'}' does not exist")
    code, out = run("build", cwd=tmp_path)
    assert code == 2 and out.startswith(f"default: source: '{tmp_path / 'seeds'}' does not exist")


def test_problem_paths_are_relative_to_the_working_folder(make_story: MakeStory, tmp_path: Path) -> None:
    make_story({"bad.md": BAD, "good.md": GOOD}, name="story")
    code, out = run("build", "story", "-o", "out", cwd=tmp_path)
    assert code == 1
    assert out.splitlines()[0] == ("story/bad.md:3: 'published' is '2023-02-30', which is not a calendar date"
                                   " (expected YYYY-MM-DD) [error]")


def test_unreadable_folder_is_reported_and_the_rest_built(
    make_story: MakeStory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = make_story({"good.md": GOOD, "locked/hidden.md": GOOD})
    real_iterdir = Path.iterdir

    def iterdir(self: Path):  # type: ignore[no-untyped-def]
        if self.name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    code, out = run("build", str(src), "-o", str(tmp_path / "out"))
    assert code == 1 and "story/locked: folder cannot be read (Permission denied); skipped [error]" in out
    assert (tmp_path / "out" / "articles" / "good.html").is_file()


@pytest.mark.parametrize("template, expected", [
    (b"{{ x }}\n\xff\xfe", "templates/timeline.html:2: the template is not valid UTF-8 (byte 0xff; expected UTF-8 text)"),
    (b"{{ 1 // 0 }}", "templates/timeline.html:1: ZeroDivisionError: integer division or modulo by zero"),
    (b"{% include 'timeline.html' %}", "templates include or extend each other without end"),
    (b"{% extends 'base.html' %}\n{% block main %}\n{{ nope }}\n{% endblock %}",
     "templates/timeline.html:3: 'nope' is undefined (expected names the template is given"),
    (b"{% include 'missing.html' %}", "templates/timeline.html:1: template 'missing.html' not found"),
])
def test_broken_templates_are_one_line_errors(
    make_story: MakeStory, tmp_path: Path, template: bytes, expected: str
) -> None:
    src = make_story({"a.md": GOOD, "templates/timeline.html": template})
    code, out = run("build", str(src), "-o", str(tmp_path / "out"))
    assert code == 2 and expected in out and "Traceback" not in out, out
    assert not (tmp_path / "out").exists()


def test_output_is_identical_whatever_the_hash_seed(make_story: MakeStory, tmp_path: Path) -> None:
    import subprocess
    import sys

    src = make_story({
        "a.md": article("A", tags="[zeta, alpha, mu, beta, kappa]", desk="x", region="y"),
        "b.txt": "Title\nStandfirst\nBody.\n", "c.md": article("C", None), "static/x/y.css": "a{}",
    })
    snapshots = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"out{seed}"
        env = {"PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
        subprocess.run([sys.executable, "-m", "sitegen", "build", str(src), "-o", str(out)],
                       env=env, check=True, capture_output=True)
        snapshots.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert snapshots[0] == snapshots[1] == snapshots[2]


def test_timex_offsets_index_the_file_as_written(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Talks.\r\nThey met Monday.\r\n")
    result = CliRunner().invoke(cli, ["timex", str(path), "--dct", "2023-11-06", "--format", "json"])
    [tag] = json.loads(result.output)
    text = path.read_bytes().decode("utf-8")
    assert text[tag["start"]:tag["end"]] == "Monday" == tag["text"]


def test_timex_names_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Line one\ncaf\xe9 on Monday\n".encode("latin-1"))
    result = CliRunner().invoke(cli, ["timex", str(path)])
    assert result.exit_code == 2
    assert result.output == f"{path}:2: the file is not valid UTF-8 (byte 0xe9; expected UTF-8 text)\n"


def test_timex_broken_rule_file_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sitegen.temporal as temporal

    def broken(text: str, dct: object) -> list[object]:
        raise temporal.RuleError("temporal/data/en/rules.toml", 41, "weekday-bare", "uses vocabulary '{wekday}'")

    monkeypatch.setattr(temporal, "tag", broken)
    result = CliRunner().invoke(cli, ["timex", "-"], input="Monday")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.output.startswith("temporal/data/en/rules.toml:41: ")


def test_a_story_whose_articles_are_all_retracted_is_published_empty(make_story: MakeStory, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(make_story({"a.md": article("Soon withdrawn")}, name="v1")), "-o", str(out))[0] == 0
    code, message = run("build", str(make_story({"a.md": article("Soon withdrawn", retracted="true")}, name="v2")),
                        "-o", str(out))
    assert code == 0 and "0 of 1 articles (1 retracted)" in message
    assert not (out / "articles" / "a.html").exists()
    assert "Soon withdrawn" not in (out / "index.html").read_text()


def test_check_runs_inside_the_story_folder(make_story: MakeStory) -> None:
    src = make_story({"a.md": GOOD})
    code, out = run("check", ".", cwd=src)
    assert code == 0 and out.startswith("checked .: 1 of 1 articles"), out


def test_links_to_files_outside_the_story_are_skipped(make_story: MakeStory, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    src = make_story({"a.md": GOOD})
    (src / "static").mkdir()
    (src / "static" / "leak.txt").symlink_to(secret)
    (src / "outside.md").symlink_to(secret)
    (src / "inside.md").symlink_to(src / "a.md")  # a link within the story is an ordinary file
    code, out = run("build", str(src), "-o", str(tmp_path / "out"))
    assert "static/leak.txt: skipped: a link to a file outside the story folder" in out
    assert "outside.md: skipped: a link to a file outside the story folder" in out
    assert not (tmp_path / "out" / "leak.txt").exists()
    assert "SECRET" not in "".join(p.read_text() for p in (tmp_path / "out").rglob("*.html"))
    assert code == 0 and (tmp_path / "out" / "articles" / "inside.html").is_file()


@pytest.mark.parametrize("value, expected", [
    ("2023-11-07", "2023-11-07T23:59:59+03:00"),  # a bare date is the end of that day, in the story's zone
    ("2023-11-07T12:00", "2023-11-07T12:00:00+03:00"),
    ("2023-11-07T12:00:30+00:00", "2023-11-07T12:00:30+00:00"),
])
def test_as_of_reaches_the_build(
    make_story: MakeStory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, expected: str
) -> None:
    import sitegen.cli

    seen = []
    real = sitegen.cli.build
    monkeypatch.setattr(sitegen.cli, "build", lambda config, **kw: seen.append(config) or real(config, **kw))
    src = make_story({"a.md": GOOD})
    (tmp_path / "sitegen.toml").write_text('timezone = "Europe/Istanbul"\nas_of = 2023-11-01\n')
    code, out = run("build", str(src), "-o", "out", "--as-of", value, cwd=tmp_path)
    assert code == 0, out
    assert seen[0].as_of.isoformat() == expected


@pytest.mark.parametrize("value", ["2023-13-01", "06/11/2023", "yesterday", "2023-11-07T25:00", "2023-11-07 12:00"])
def test_a_bad_as_of_is_a_usage_error(make_story: MakeStory, tmp_path: Path, value: str) -> None:
    code, out = run("build", str(make_story({"a.md": GOOD})), "-o", str(tmp_path / "out"), "--as-of", value)
    assert code == 2 and "Traceback" not in out
    assert (f"Invalid value for '--as-of': {value!r} is not a date or date-time"
            " (expected YYYY-MM-DD[THH:MM[:SS][+HH:MM]], such as 2023-11-06 or 2023-11-06T18:00+03:00)") in out
    assert not (tmp_path / "out").exists()
