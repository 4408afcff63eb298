from pathlib import Path

from sitegen.sources import discover

from conftest import MakeStory


def test_articles_are_md_and_txt_in_subfolders_in_sorted_order(make_story: MakeStory) -> None:
    root = make_story({
        "b.md": "x", "a.txt": "x", "day2/c.md": "x", "day1/z.MD": "x",
        "notes.pdf": "x", "image.png": b"\x89PNG",
    })
    assert discover(root).articles == ("a.txt", "b.md", "day1/z.MD", "day2/c.md")


def test_ignored_names_are_never_read(make_story: MakeStory) -> None:
    root = make_story({
        "keep.md": "x",
        ".hidden.md": "x", "_draft.md": "x", "README.md": "x", "README.txt": "x",
        "saving.md.tmp": "x", "backup.md~": "x", ".#lock.md": "x",
        ".git/HEAD.md": "x", "_drafts/d.md": "x",
        "templates/page.md": "x", "static/about.md": "x",
    })
    assert discover(root).articles == ("keep.md",)


def test_templates_and_static_are_reserved_only_at_the_top(make_story: MakeStory) -> None:
    root = make_story({"2023/static/a.md": "x", "2023/templates/b.md": "x"})
    assert discover(root).articles == ("2023/static/a.md", "2023/templates/b.md")


def test_static_files_are_listed_with_their_subfolders(make_story: MakeStory) -> None:
    root = make_story({"a.md": "x", "static/CNAME": "news.example.org", "static/img/map.png": b"PNG",
                       "static/.nojekyll": "", "static/_redirects": "/a /b", "static/README.txt": "x",
                       "static/.well-known/security.txt": "x", "static/upload.png.tmp": b"partial",
                       "static/style.css~": "backup", "static/.#style.css": "lock"})
    assert discover(root).static == (  # verbatim, but for files still being written
        "static/.nojekyll", "static/.well-known/security.txt", "static/CNAME", "static/README.txt",
        "static/_redirects", "static/img/map.png")


def test_symlinked_folder_loops_do_not_hang(make_story: MakeStory) -> None:
    root = make_story({"a.md": "x"})
    (root / "loop").symlink_to(root, target_is_directory=True)
    assert discover(root).articles == ("a.md",)


def test_no_static_folder(tmp_path: Path) -> None:
    assert discover(tmp_path).static == ()
