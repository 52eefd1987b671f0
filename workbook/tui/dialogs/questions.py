"""What the app asks and tells about the file: its questions, with their answers in order of
safety (the first is the safe one, and has the focus), and its reports."""

from __future__ import annotations

from pathlib import Path

from workbook.core.coverage import count
from workbook.core.essay_edits import EssayState
from workbook.practice.flow_session import FlowRestored
from workbook.session.journal import Journal
from workbook.session.session import Conflict, Restored
from workbook.session.text_journal import TextJournal

Choices = list[tuple[str, str]]


def restore_question(path: Path, journal: Journal, older: int) -> tuple[str, Choices]:
    question = (
        f"Edits to {journalled(journal)} of {path.name}, journalled on "
        f"{journal.when}, were never saved. Restore them?"
    )
    if older:
        question += f"\n{count(range(older), 'older journal')} will be offered next time."
    # Keeping them is the safe answer: every restored edit can be undone.
    return question, [("restore", "Restore"), ("discard", "Discard them")]


def journalled(journal: Journal) -> str:
    """What a journal would bring back: its claims, cards, the motion and sides, the essay
    (so that a journal of a dropped paragraph alone is not offered as "0 claims")."""
    said = [count(journal.changed, "claim")] if journal.changed else []
    if journal.cards_changed:
        said.append(count(journal.cards_changed, "card"))
    if journal.framing is not None:
        said.append("the motion and sides")
    if journal.essay is not None:
        said.append(essay_edits(journal.essay, journal.essay_before))
    return ", ".join(said) if said else count(journal.changed, "claim")


def essay_edits(essay: EssayState, before: EssayState | None) -> str:
    """The essay's edits a journal holds: paragraphs dropped (or brought back), suggestions
    dismissed (or taken back)."""
    if before is None:
        return "the essay"
    dropped = before.paragraphs - essay.paragraphs
    dismissed = len(set(essay.dismissed) - set(before.dismissed))
    undismissed = len(set(before.dismissed) - set(essay.dismissed))
    said = [f"{count(dropped, 'paragraph')} dropped"] if dropped > 0 else []
    if dropped < 0:
        said.append(f"{count(-dropped, 'paragraph')} brought back")
    if dismissed:
        said.append(f"{count(dismissed, 'suggestion')} dismissed")
    if undismissed:
        said.append(f"{count(undismissed, 'dismissal')} taken back")
    return f"the essay ({', '.join(said)})" if said else "the essay"


def restored(report: Restored) -> str:
    """What a restore put back, the first thing restored named first (not "0 claims" when it
    was the essay alone), then what it kept or left out."""
    others = [count(report.cards, "card")] if report.cards else []
    if report.framing:
        others.append("the motion and sides")
    if report.essay:
        others.append("the essay's dismissed suggestions and dropped paragraphs")
    things = others if others and not report.claims else [count(report.claims, "claim"), *others]
    said = [f"Restored {things[0]}"]
    if report.beside:
        both = ", ".join(f"{c} (yours: {copy})" for c, copy in report.beside.items())
        said.append(f"changed in the file too, so yours stand beside theirs: {both}")
    if report.kept:
        said.append(f"{count(range(report.kept), 'claim')} changed since in the file kept")
    said.extend(f"and {thing}" for thing in things[1:])
    if report.framing_kept:
        said.append("the motion and sides changed in the file too, so theirs stay")
    if report.skipped:
        said.append(f"{report.skipped} no longer fit the file and were left out")
    return "; ".join(said) + ". Save to keep them."


def conflict_question(path: Path, conflict: Conflict) -> tuple[str, Choices]:
    """The file changed on disk since it was read, or a save would replace another file."""
    if conflict.exists:
        question = f"{conflict.target} already exists. Replace it with this workbook?"
        return question, [("cancel", "Cancel"), ("save_as", "Save as…"), ("replace", "Replace it")]
    question = (
        f"{path.name} has changed on disk since it was opened or saved "
        "(another editor, or git pull?). Saving now would overwrite those changes."
    )
    return question, [
        ("cancel", "Cancel"),
        ("merge", "Merge theirs and mine"),
        ("save_as", "Save mine as…"),
        ("replace", "Overwrite with mine"),
        ("reload", "Reload theirs (drop mine)"),
    ]


def quit_question(path: Path) -> tuple[str, Choices]:
    question = f"{path.name} has unsaved changes."
    return question, [
        ("save", "Save and quit"),
        ("discard", "Quit without saving"),
        ("cancel", "Cancel"),
    ]


def failed_save_question(message: str) -> tuple[str, Choices]:
    question = f"{message}.\nEvery edit is kept, in memory and in the journal."
    return question, [("save_as", "Save as…"), ("cancel", "Keep editing")]


def upgrade_question(path: Path, file_format: int) -> tuple[str, Choices]:
    """The first save of a file of an older format, which the app read and upgraded."""
    question = (
        f"{path.name} is in format {file_format}. Saving it writes format 2 (the card library), "
        "which older versions of workbook cannot read (the upgrade keeps the format "
        f"{file_format} file as {path.name}.bak). Upgrade it, or save a copy in format 2 and "
        "leave this file as it is?"
    )
    return question, [
        ("cancel", "Cancel"),
        ("upgrade", "Upgrade: save as format 2"),
        ("copy", "Save as a copy…"),
    ]


def flow_restore_question(path: Path, journal: TextJournal, older: int) -> tuple[str, Choices]:
    """A round's flow left unsaved by an app that did not finish."""
    question = (
        f"Edits to the flow {path.name}, journalled on {journal.when}, were never saved. "
        "Restore them?"
    )
    if older:
        question += f"\n{count(range(older), 'older journal')} will be offered next time."
    return question, [("restore", "Restore"), ("discard", "Discard them")]


def flow_restored(report: FlowRestored) -> str:
    if not report.merged:
        return "Restored the flow's unsaved edits. Save (ctrl+s) to keep them."
    said = "Restored the flow's unsaved edits, merged with the file as it is now"
    if report.conflicts:
        said += (
            f"; {count(report.conflicts, 'field')} changed in both, yours kept: "
            + ", ".join(report.conflicts[:3])
            + (" …" if len(report.conflicts) > 3 else "")
        )
    return said + ". Save (ctrl+s) to keep them."


def flow_quit_question(path: Path) -> tuple[str, Choices]:
    question = f"The flow {path.name} has unsaved changes."
    return question, [
        ("save", "Save the flow and quit"),
        # When the flow cannot be saved here (a read-only file), nothing need be lost: the
        # journal stays, offered back the next time the flow opens.
        ("keep", "Keep the edits to restore next time, and quit"),
        ("discard", "Quit without saving the flow"),
        ("cancel", "Cancel"),
    ]
