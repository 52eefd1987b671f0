"""A source's text beside its workbook is one of the workbook's own files: "Save as" into
another folder carries it along as it carries the essay, refusing a clash in one line, and no
export or speech ever writes over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.commands import main
from workbook.core.model import Workbook
from workbook.session.session import SaveJob
from workbook.storage.files import WorkbookError
from workbook.storage.owned import save_target
from workbook.storage.store import load, save
from workbook.storage.texts import source_paragraphs, texts_beside

from .conftest import ESSAY, small_data

SOURCE_TEXT = "A first paragraph of the source.\nA second one, with its own words.\n"


@pytest.fixture
def with_source(tmp_path: Path) -> Path:
    """The small workbook with one source, its text beside it as `source add` stores it."""
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "small.txt").write_text(ESSAY, encoding="utf-8")
    (folder / "small.smith-2021.source.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    data = small_data()
    data["sources"] = {
        "smith-2021": {
            "author": "Ann Smith",
            "date": "2021",
            "file": "small.smith-2021.source.txt",
            "paragraphs": 2,
            "origins": {"author": "json-ld", "date": "json-ld"},
        }
    }
    path = folder / "small.toml"
    save(Workbook.model_validate(data), path)
    return path


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_the_texts_beside_a_workbook_are_its_essays_and_its_sources(with_source: Path) -> None:
    assert texts_beside(load(with_source)) == [
        ("small.txt", "the workbook's essay"),
        ("small.smith-2021.source.txt", "the text of source smith-2021"),
    ]


def test_save_as_in_another_folder_carries_the_sources_texts(
    with_source: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "other"
    folder.mkdir()
    target = folder / "copy.toml"
    SaveJob(with_source, target, load(with_source), None, "", overwrite=False).run()
    assert (folder / "small.smith-2021.source.txt").read_text(encoding="utf-8") == SOURCE_TEXT
    copy = load(target)
    assert source_paragraphs(copy, target, "smith-2021") == SOURCE_TEXT.splitlines()


def test_save_as_beside_another_text_of_a_sources_name_is_refused_and_copies_nothing(
    with_source: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "other"
    folder.mkdir()
    (folder / "small.smith-2021.source.txt").write_text("Someone else's text.\n", "utf-8")
    before = listing(folder)
    job = SaveJob(with_source, folder / "copy.toml", load(with_source), None, "", False)
    with pytest.raises(WorkbookError) as refused:
        job.run()
    message = str(refused.value)
    assert "small.smith-2021.source.txt" in message and "source smith-2021" in message
    assert "\n" not in message
    assert listing(folder) == before  # not even the essay was copied


def test_the_seeds_first_save_takes_the_texts_it_names(tmp_path: Path) -> None:
    from workbook.storage.places import seed_path

    here = tmp_path / "here"
    here.mkdir()
    target, _ = save_target(seed_path(), [("soleimani-blowback.txt", "the workbook's essay")], here)
    assert target == here / seed_path().name
    assert (here / "soleimani-blowback.txt").is_file()


@pytest.mark.parametrize(
    "command",
    [
        ["export", "{w}", "-o", "{t}"],
        ["export", "{w}", "--to", "argdown", "-o", "{t}"],
        ["speech", "{w}", "--side", "con", "--speech", "1AC", "--format", "policy", "-o", "{t}"],
    ],
    ids=["brief", "argdown", "speech"],
)
def test_no_export_or_speech_writes_over_a_sources_text(
    with_source: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    text = with_source.parent / "small.smith-2021.source.txt"
    args = [part.format(w=with_source, t=text) for part in command]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the text of source smith-2021" in err
    assert text.read_text(encoding="utf-8") == SOURCE_TEXT


def test_save_as_writes_the_texts_through_a_link_in_the_folder_to_nothing_yet(
    with_source: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "other"
    folder.mkdir()
    (folder / "small.txt").symlink_to("kept-essay.txt")
    (folder / "small.smith-2021.source.txt").symlink_to("kept-source.txt")
    SaveJob(with_source, folder / "copy.toml", load(with_source), None, "", False).run()
    assert (folder / "kept-essay.txt").read_text(encoding="utf-8") == ESSAY
    assert (folder / "kept-source.txt").read_text(encoding="utf-8") == SOURCE_TEXT
    assert load(folder / "copy.toml").essay.file == "small.txt"
