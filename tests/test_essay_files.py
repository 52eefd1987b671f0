"""The essay's text and the workbook kept consistent through the open file's life: a paragraph
dropped is journalled and restored with the claims' numbers that count it, and a save writes the
new text under a name of its own before the workbook that names it, so that a save stopped at
any moment leaves a workbook whose essay is the text it counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.commands import main
from workbook.core.essay_edits import EssayState, essay_state, with_dismissed
from workbook.session import session as session_module
from workbook.session.journal import digest, journal_text, parse_journal
from workbook.session.merge_in_place import Written
from workbook.session.session import Saved, Session
from workbook.storage.files import WorkbookError
from workbook.storage.store import load, load_with_essay, save

from .conftest import copy_positions


@pytest.fixture(autouse=True)
def private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def dropped_byline(folder: Path) -> tuple[Path, Session, list[str]]:
    """The seed's copy, opened, its byline (¶1) dropped; and the text as it was."""
    path = copy_positions(folder)
    session = Session.open(path)
    assert session.paragraphs is not None
    text = list(session.paragraphs)
    session.draft.drop_paragraph("drop the byline", 1)
    return path, session, text


def saved(session: Session) -> Saved:
    job = session.begin_save()
    assert job is not None
    outcome = job.run()
    assert isinstance(outcome, Saved)
    session.save_done(job, outcome)
    return outcome


def test_a_save_writes_the_new_text_then_the_workbook_that_names_it(tmp_path: Path) -> None:
    path, session, text = dropped_byline(tmp_path)
    outcome = saved(session)
    assert outcome.essay_file == "soleimani-blowback-2.txt"
    workbook, paragraphs = load_with_essay(path)  # its quotes checked against the new text
    assert workbook.essay is not None and workbook.essay.file == outcome.essay_file
    assert paragraphs == text[1:] and workbook.essay.paragraphs == 14
    # The old text is kept aside, as a file a save replaces is.
    assert not (tmp_path / "soleimani-blowback.txt").exists()
    kept = tmp_path / "soleimani-blowback.txt.bak"
    assert kept.read_text(encoding="utf-8").splitlines() == text
    assert main(["check", str(path)]) in (0, 1)  # 1: what a side lacks; never 2, bad input
    assert session.journal_job().empty and not session.dirty
    # Undone after the save, the paragraph comes back under the first name free again.
    session.draft.undo()
    assert saved(session).essay_file == "soleimani-blowback.txt"
    assert load_with_essay(path)[1] == text


def test_a_save_stopped_before_the_workbook_leaves_the_old_pair_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, session, text = dropped_byline(tmp_path)
    session.run_journal(session.journal_job())

    def stopped(*_: object) -> bytes:
        raise OSError("the power went")

    monkeypatch.setattr(session_module, "save", stopped)
    job = session.begin_save()
    assert job is not None
    with pytest.raises(OSError):
        job.run()
    # The workbook still names the old text, whole; the new one lies beside, named by none.
    workbook, paragraphs = load_with_essay(path)
    assert paragraphs == text and workbook.essay is not None
    assert workbook.essay.file == "soleimani-blowback.txt"
    monkeypatch.undo()
    # The journal holds the drop: a new app puts it back, claims and text as one.
    session.journal.abandon()
    again = Session.open(path)
    assert again.found.newest is not None
    report = again.restore(again.found.newest)
    assert report.essay and again.paragraphs == text[1:]
    assert again.draft.workbook.essay is not None
    assert again.draft.workbook.essay.paragraphs == 14
    assert again.draft.workbook.claims["reckless-decision"].paragraph == 1
    # The stray text from the stopped save keeps its name: the next one takes another.
    assert saved(again).essay_file == "soleimani-blowback-3.txt"
    assert load_with_essay(path)[1] == text[1:]


def test_the_journal_holds_the_essays_text_only_when_it_changed(tmp_path: Path) -> None:
    path = copy_positions(tmp_path)
    session = Session.open(path)
    essay = session.draft.workbook.essay
    assert essay is not None
    session.draft.essay_step("dismiss", with_dismissed(essay, "A sentence."))
    where = session.run_journal(session.journal_job())
    assert where is not None
    journal = parse_journal(where)
    assert journal.essay is not None and journal.essay.dismissed == ("A sentence.",)
    assert journal.essay.text is None and "text" not in where.read_text(encoding="utf-8")
    session.draft.drop_paragraph("drop", 1)
    where = session.run_journal(session.journal_job())
    assert where is not None
    journal = parse_journal(where)
    assert journal.essay is not None and journal.essay.text == tuple(session.paragraphs or [])
    assert journal.essay_before is not None and len(journal.essay_before.text or ()) == 15
    # Undone, nothing is left unsaved: the journal goes.
    session.draft.undo()
    session.draft.undo()
    assert session.journal_job().empty


def test_a_journals_essay_is_not_put_onto_an_essay_that_changed_since(tmp_path: Path) -> None:
    path, session, _ = dropped_byline(tmp_path)
    session.run_journal(session.journal_job())
    session.journal.abandon()
    # Meanwhile someone else dropped another paragraph and saved.
    other = Session.open(path)
    other.draft.drop_paragraph("drop a heading", 4)
    saved(other)
    other.close()
    again = Session.open(path)
    assert again.found.newest is not None
    report = again.restore(again.found.newest)
    assert not report.essay and report.skipped >= 1
    assert again.paragraphs == load_with_essay(path)[1]


def test_a_dismissal_is_saved_and_journalled_like_any_edit(tmp_path: Path) -> None:
    path = copy_positions(tmp_path)
    session = Session.open(path)
    essay = session.draft.workbook.essay
    assert essay is not None
    session.draft.essay_step("dismiss", with_dismissed(essay, "A sentence."))
    assert session.dirty and not session.journal_job().empty
    assert saved(session).essay_file == ""  # the text is as it was: not written again
    saved_essay = load(path).essay
    assert saved_essay is not None and saved_essay.dismissed == ["A sentence."]
    assert saved_essay.file == "soleimani-blowback.txt"


def test_a_merge_with_a_file_changed_under_the_app_keeps_both_dismissals(tmp_path: Path) -> None:
    path = copy_positions(tmp_path)
    session = Session.open(path)
    essay = session.draft.workbook.essay
    assert essay is not None
    session.draft.essay_step("dismiss", with_dismissed(essay, "Mine."))
    theirs = load(path)
    assert theirs.essay is not None
    theirs.essay = with_dismissed(theirs.essay, "Theirs.").on(theirs.essay)
    save(theirs, path)
    assert isinstance(session.merge_job().run(), Written)
    merged = load(path).essay
    assert merged is not None and sorted(merged.dismissed) == ["Mine.", "Theirs."]


def test_a_merge_is_refused_while_a_dropped_paragraph_is_unsaved(tmp_path: Path) -> None:
    path, session, text = dropped_byline(tmp_path)
    theirs = load(path)
    theirs.motion = "Changed meanwhile."
    save(theirs, path)
    on_disk = path.read_bytes()
    with pytest.raises(WorkbookError, match="the essay's text changed here"):
        session.merge_job().run()
    assert path.read_bytes() == on_disk and load_with_essay(path)[1] == text


def test_a_journal_whose_essay_its_claims_do_not_fit_is_taken_back_whole(tmp_path: Path) -> None:
    """A journal's essay counting fewer paragraphs than its claims name (written by hand, or
    damaged) is not restored into a workbook that no save could read back."""
    path = copy_positions(tmp_path)
    file_essay = load(path).essay
    assert file_essay is not None
    session = Session.open(path)
    short = EssayState(3, (), (), tuple((session.paragraphs or [])[:3]))
    where = session.journal.write(
        journal_text(
            digest(path.read_bytes()),
            list(session.draft.workbook.claims),
            {},
            essay=(essay_state(file_essay, session.paragraphs), short),
        )
    )
    session.journal.abandon()
    again = Session.open(path)
    assert again.found.newest is not None and again.found.newest.where == where
    report = again.restore(again.found.newest)
    assert not report.essay and report.skipped == 1
    assert again.draft.workbook.essay == file_essay and again.paragraphs == load_with_essay(path)[1]
    assert not again.dirty


def test_the_essays_first_text_survives_any_number_of_saves_with_a_drop(tmp_path: Path) -> None:
    """Three saves, each after a drop: every text the essay had is still on disk, the one the
    user began with among them. Before, the third save moved its old text onto the first's
    `.bak`, and the essay the user began with was gone."""
    path = copy_positions(tmp_path)
    session = Session.open(path)
    assert session.paragraphs is not None
    texts = [list(session.paragraphs)]
    names = []
    for _ in range(3):
        quoted = {claim.paragraph for claim in session.draft.workbook.claims.values()}
        free = min(n for n in range(1, len(texts[-1]) + 1) if n not in quoted)
        session.draft.drop_paragraph(f"drop ¶{free}", free)
        outcome = saved(session)
        names.append(outcome.essay_file)
        assert session.paragraphs is not None
        texts.append(list(session.paragraphs))
    on_disk = [p.read_text(encoding="utf-8").splitlines() for p in tmp_path.glob("*.txt*")]
    for text in texts:
        assert text in on_disk
    assert len(set(names)) == 3  # each save's text under a name of its own
    assert load_with_essay(path)[1] == texts[-1]


def test_a_save_moves_no_text_onto_a_bak_of_another(tmp_path: Path) -> None:
    """The essay's own file, the user's, has a NAME.bak of another text beside it: a save after
    a drop leaves both as they are, rather than moving the one onto the other."""
    path, session, text = dropped_byline(tmp_path)
    theirs = tmp_path / "soleimani-blowback.txt.bak"
    theirs.write_text("A draft of the user's own.\n", encoding="utf-8")
    outcome = saved(session)
    assert theirs.read_text(encoding="utf-8") == "A draft of the user's own.\n"
    kept = tmp_path / "soleimani-blowback.txt"
    assert kept.read_text(encoding="utf-8").splitlines() == text
    assert load_with_essay(path)[1] == text[1:] and outcome.essay_file != kept.name
