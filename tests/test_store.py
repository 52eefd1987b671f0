"""Reading and writing: error lines, canonical and stable output, atomic saves."""

from __future__ import annotations

import difflib
import os
import stat
import tomllib
from pathlib import Path

import pytest

from workbook.core.model import Workbook
from workbook.storage.store import WorkbookError, dumps, load, save


def error_of(path: Path) -> str:
    with pytest.raises(WorkbookError) as caught:
        load(path)
    return str(caught.value)


def test_save_and_load_round_trip(small: Workbook, small_file: Path) -> None:
    assert load(small_file) == small


def test_saving_an_unchanged_workbook_rewrites_the_same_bytes(small_file: Path) -> None:
    before = small_file.read_bytes()
    save(load(small_file), small_file)
    assert small_file.read_bytes() == before


def test_changing_one_claim_changes_only_its_lines(small_file: Path) -> None:
    before = small_file.read_text().splitlines()
    workbook = load(small_file)
    workbook.claims["story"].tag = "Deterrence is told after the fact"
    save(workbook, small_file)
    after = small_file.read_text().splitlines()
    changed = [
        line
        for line in difflib.unified_diff(before, after, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == [
        '-tag = "Deterrence is a story"',
        '+tag = "Deterrence is told after the fact"',
    ]


def test_claims_points_and_cards_are_written_as_tables(small_file: Path) -> None:
    text = small_file.read_text()
    assert "[claims.blowback]\n" in text
    assert "[claims.blowback.points.p1]\n" in text
    assert "[cards.smith]\n" in text
    # An open slot is an empty table: the slot stays visible in the file.
    assert text.index("[cards.slot]\n") < text.index("[claims.blowback]\n")


def test_multi_line_text_is_written_as_a_multi_line_string(small: Workbook, tmp_path: Path) -> None:
    small.claims["story"].notes = "first line\nsecond line"
    assert 'notes = """\nfirst line\nsecond line"""' in dumps(small)


def test_a_toml_syntax_error_names_file_line_and_column(small_file: Path) -> None:
    text = small_file.read_text().replace('title = "Small"', 'title = "Small', 1)
    small_file.write_text(text)
    assert error_of(small_file) == (
        f'{small_file}:2:15: a line break inside a "…" string: close it on its line, '
        'or use """ for text of several lines'
    )


def test_an_error_at_the_end_of_the_file_names_its_last_line(tmp_path: Path) -> None:
    path = tmp_path / "cut.toml"
    path.write_text('format = 1\ntitle = """never closed')
    assert error_of(path).startswith(f"{path}:2:")


def test_a_schema_error_names_the_field_path(small_file: Path) -> None:
    text = small_file.read_text().replace(
        'side = "pro"\nkind = "answers"', 'side = "x"\nkind = "answers"'
    )
    small_file.write_text(text)
    assert error_of(small_file) == (
        f"{small_file}: claims.blowback.points.p2.side: unknown side 'x' (expected 'con' or 'pro')"
    )


def test_a_wrong_type_names_the_field_and_what_was_given(small_file: Path) -> None:
    small_file.write_text(small_file.read_text().replace("paragraph = 3", 'paragraph = "3"'))
    assert error_of(small_file) == (
        f"{small_file}: claims.story.paragraph: Input should be a valid integer (got '3')"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\n", "the file is empty"),
        (b'format = 1\ntitle = "caf\xe9"\n', "2:13: not UTF-8 text (byte 0xe9)"),
    ],
)
def test_unreadable_files_get_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    assert error_of(path) in (f"{path}: {message}", f"{path}:{message}")


def test_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    assert error_of(tmp_path / "nope.toml") == f"{tmp_path / 'nope.toml'}: no such file"
    assert error_of(tmp_path) == f"{tmp_path}: is a folder, not a workbook file"


def test_a_newer_format_is_refused_with_a_hint(small_file: Path) -> None:
    small_file.write_text(small_file.read_text().replace("format = 2", "format = 3"))
    assert "format: version 3 is newer than this workbook reads (2)" in error_of(small_file)


def test_a_byte_order_mark_and_crlf_line_ends_are_read(small: Workbook, small_file: Path) -> None:
    text = small_file.read_text().replace("\n", "\r\n")
    small_file.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert load(small_file) == small


def test_quotes_are_checked_against_the_essay(small_file: Path) -> None:
    small_file.write_text(
        small_file.read_text().replace("Strikes bring blowback.", "Strikes bring.")
    )
    assert error_of(small_file) == (
        f"{small_file}: claims.blowback.quote: not the words of paragraph 2 of small.txt; "
        "the closest is “Strikes bring blowback.”"
    )


def test_the_paragraph_count_is_checked_against_the_essay(small_file: Path) -> None:
    (small_file.parent / "small.txt").write_text("one\ntwo\n")
    assert error_of(small_file) == f"{small_file}: essay.paragraphs: is 3 but small.txt has 2"


def test_an_essay_a_merge_left_markers_in_is_said_so(small_file: Path) -> None:
    """Two clones each dropped a paragraph and saved: git left its markers in the essay's text.
    The count of paragraphs is then wrong, but what to do is settle the markers: said so,
    naming the paragraph where they start, not only that the counts differ."""
    text = "one\n<<<<<<< HEAD\ntwo\n=======\ntwo, theirs\n>>>>>>> abc123\n"
    (small_file.parent / "small.txt").write_text(text)
    assert error_of(small_file) == (
        f"{small_file}: essay.file: small.txt holds a merge's conflict markers (from its "
        "paragraph 2): keep ours, between “<<<<<<< HEAD” and “=======” (the workbook kept "
        "ours, and counts 3), take the markers out, and drop what the other side dropped "
        "again in the app"
    )


def test_an_essay_with_a_control_character_is_refused_where_it_stands(small_file: Path) -> None:
    """An essay's text edited by hand to hold an escape would drive the terminal from the
    essay view: refused in one line, with its line and column, before anything shows it."""
    (small_file.parent / "small.txt").write_text("one\ntw\x1b[2Jo\nthree\n")
    assert error_of(small_file) == (
        f"{small_file}: essay.file: small.txt: line 2, column 3: a control character "
        "(\\x1b), not text: take it out"
    )


def test_a_missing_essay_file_does_not_stop_loading(small: Workbook, small_file: Path) -> None:
    (small_file.parent / "small.txt").unlink()
    assert load(small_file) == small


def test_save_keeps_the_files_permissions(small: Workbook, small_file: Path) -> None:
    small_file.chmod(0o640)
    save(small, small_file)
    assert stat.S_IMODE(small_file.stat().st_mode) == 0o640


def test_save_leaves_no_temporary_file(small: Workbook, tmp_path: Path) -> None:
    save(small, tmp_path / "new.toml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.toml"]
    assert tomllib.loads((tmp_path / "new.toml").read_text())["title"] == "Small"


def test_a_failed_save_leaves_the_old_file(small: Workbook, small_file: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    before = small_file.read_bytes()
    small_file.parent.chmod(0o500)
    try:
        with pytest.raises(WorkbookError, match="cannot save"):
            save(small, small_file)
    finally:
        small_file.parent.chmod(0o700)
    assert small_file.read_bytes() == before


def test_saving_into_a_missing_folder_says_so(small: Workbook, tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match=r"nowhere/w.toml: cannot save: No such file"):
        save(small, tmp_path / "nowhere" / "w.toml")


def test_save_keeps_the_previous_version_as_one_backup(small: Workbook, small_file: Path) -> None:
    from workbook.storage.files import backup_path

    first = small_file.read_bytes()
    small.claims["story"].tag = "second"
    save(small, small_file)
    second = small_file.read_bytes()
    assert backup_path(small_file).read_bytes() == first
    small.claims["story"].tag = "third"
    save(small, small_file)
    assert backup_path(small_file).read_bytes() == second
    backups = [p.name for p in small_file.parent.iterdir() if ".bak" in p.name]
    assert backups == ["small.toml.bak"]


def test_a_file_without_any_write_permission_is_refused(small: Workbook, small_file: Path) -> None:
    # Checked by mode, not left to the system: root may write anything.
    before = small_file.read_bytes()
    small_file.chmod(0o444)
    small.claims["story"].tag = "changed"
    with pytest.raises(WorkbookError) as caught:
        save(small, small_file)
    assert str(caught.value) == f"{small_file}: is read-only"
    assert small_file.read_bytes() == before
    assert stat.S_IMODE(small_file.stat().st_mode) == 0o444
    assert sorted(p.name for p in small_file.parent.iterdir()) == ["small.toml", "small.txt"]


def test_a_symbolic_link_is_saved_through_and_stays_a_link(
    small: Workbook, small_file: Path, tmp_path: Path
) -> None:
    from workbook.storage.files import backup_path

    before = small_file.read_bytes()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = elsewhere / "link.toml"
    link.symlink_to(small_file)
    small.claims["story"].tag = "through the link"
    save(small, link)
    assert link.is_symlink() and os.readlink(link) == str(small_file)
    assert load(small_file).claims["story"].tag == "through the link"
    backup = backup_path(small_file)
    assert not backup.is_symlink() and backup.is_file() and backup.read_bytes() == before
    assert sorted(p.name for p in elsewhere.iterdir()) == ["link.toml"]


def test_a_dangling_link_is_saved_to_its_target(small: Workbook, tmp_path: Path) -> None:
    link = tmp_path / "link.toml"
    link.symlink_to("target.toml")
    save(small, link)
    assert link.is_symlink() and load(tmp_path / "target.toml") == small


def special_files(folder: Path) -> dict[str, Path]:
    """What a save must never replace, each made in `folder` where the system allows it."""
    made = {"folder": folder / "folder.toml"}
    made["folder"].mkdir()
    if hasattr(os, "mkfifo"):
        made["fifo"] = folder / "fifo.toml"
        os.mkfifo(made["fifo"])
    try:
        made["device"] = folder / "null.toml"
        os.mknod(made["device"], stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (AttributeError, OSError):
        made.pop("device")
    for name, path in list(made.items()):
        made[f"link to {name}"] = folder / f"link-to-{path.name}"
        made[f"link to {name}"].symlink_to(path)
    return made


def test_what_is_not_a_regular_file_is_never_replaced(small: Workbook, tmp_path: Path) -> None:
    from workbook.storage.files import kind_of

    for name, path in special_files(tmp_path).items():
        kind = kind_of(path.stat().st_mode)
        with pytest.raises(WorkbookError) as caught:
            save(small, path)
        assert str(caught.value) == f"{path}: is {kind}, not a regular file", name
        assert kind_of(path.stat().st_mode) == kind, name
        assert path.is_symlink() == name.startswith("link"), name
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
