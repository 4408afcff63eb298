"""sitegen.toml: every problem reported at once, paths resolved against the file, flags override."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.config import load_config
from sitegen.errors import ConfigError


def write(folder: Path, text: str, name: str = "sitegen.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "seeds").mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(text: str, tmp_path: Path) -> list[str]:
    write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(cwd=tmp_path)
    return caught.value.problems


def test_defaults_without_a_config_file(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    config = load_config(cwd=tmp_path)
    assert (config.source, config.output) == (tmp_path / "seeds", tmp_path / "site")
    assert (config.title, config.language, config.timezone, config.strict) == ("sitegen", "en", "UTC", False)
    assert config.config_file is None


def test_sitegen_toml_in_the_working_folder_is_read(tmp_path: Path) -> None:
    write(tmp_path, 'title = "Gaza diplomacy"\ntimezone = "Europe/Istanbul"\nbase_url = "https://ex.org/s/"\n')
    config = load_config(cwd=tmp_path)
    assert (config.title, config.timezone, config.base_url) == ("Gaza diplomacy", "Europe/Istanbul", "https://ex.org/s/")
    assert config.config_file == tmp_path / "sitegen.toml"


def test_paths_resolve_against_the_config_files_folder(tmp_path: Path) -> None:
    path = write(tmp_path / "project", 'source = "articles"\noutput = "../public"\n', name="other.toml")
    (tmp_path / "project" / "articles").mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    config = load_config(path, cwd=elsewhere)
    assert config.source == tmp_path / "project" / "articles"
    assert config.output == tmp_path / "public"


def test_flags_override_the_file_and_resolve_against_the_working_folder(tmp_path: Path) -> None:
    write(tmp_path / "project", 'output = "from-file"\ntitle = "File title"\nstrict = false\n')
    (tmp_path / "cwd" / "src").mkdir(parents=True)
    config = load_config(tmp_path / "project" / "sitegen.toml", cwd=tmp_path / "cwd",
                         source=Path("src"), output=Path("out"), strict=True, title=None)
    assert (config.source, config.output) == (tmp_path / "cwd" / "src", tmp_path / "cwd" / "out")
    assert config.strict is True and config.title == "File title"  # None means "flag not given"


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    found = problems('titel = "x"\ntitle = 3\ntimezone = "Mars/Olympus"\nbase_url = "example.org"\n', tmp_path)
    assert found == [
        "sitegen.toml: titel: unknown key (known: source, output, title, description, base_url, language, timezone, strict, as_of, new_window)",
        "sitegen.toml: title: 3 is not a string",
        "sitegen.toml: base_url: 'example.org' is not an absolute http(s) URL such as 'https://example.org/story/' ending in '/'",
        "sitegen.toml: timezone: 'Mars/Olympus' is not an IANA time zone name such as 'Europe/London'",
    ]


def test_value_problems_are_reported_together(tmp_path: Path) -> None:
    found = problems('timezone = "Mars/Olympus"\nbase_url = "example.org"\nsource = "missing"\n', tmp_path)
    assert found == [
        f"sitegen.toml: source: '{tmp_path / 'missing'}' does not exist (expected the folder of articles)",
        "sitegen.toml: base_url: 'example.org' is not an absolute http(s) URL such as 'https://example.org/story/' ending in '/'",
        "sitegen.toml: timezone: 'Mars/Olympus' is not an IANA time zone name such as 'Europe/London'",
    ]


def test_output_inside_the_source_is_refused(tmp_path: Path) -> None:
    assert problems('output = "seeds/out"\n', tmp_path) == [
        f"sitegen.toml: output: '{tmp_path / 'seeds' / 'out'}' is inside the source folder '{tmp_path / 'seeds'}'"
        " (it would be read as articles)"
    ]


def test_output_containing_the_source_is_refused(tmp_path: Path) -> None:
    found = problems('output = "."\n', tmp_path)
    assert len(found) == 1 and "contains the source folder" in found[0]


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    assert problems('title = "ok"\nsource = "unclosed\n', tmp_path) == [
        "sitegen.toml:2: Illegal character '\\n' (expected TOML)"
    ]


def test_missing_explicit_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(Path("nope.toml"), cwd=tmp_path)
    assert caught.value.problems == ["nope.toml: cannot be read (No such file or directory)"]
