"""An Argdown export edited by hand and read back with `workbook new --from argdown`: every
edit the text makes is taken (a claim's words, a point's words, support and attack, what
answers what, a point added, moved or left out), or refused in one line that names the element,
with nothing written. Never the old workbook, silently."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from workbook.commands import main
from workbook.core.model import Workbook
from workbook.exports.argdown import export, point_titles, read
from workbook.exports.argdown_text import NO_TEXT, escape, flat
from workbook.storage.files import WorkbookError
from workbook.storage.store import dumps, load

from .conftest import small_data
from .strategies import workbooks
from .test_argdown import HAZARDS, hazardous, hostile_workbooks

SHOWN = "  <+ <Blowback: Attacks rose>: Attacks rose. (Smith 21) #Blowback "
ANSWER = "    <- <Deterrence: Not because of it>: Not because of it. #Deterrence "
COUNTER = "  <- <Deterrence: It held>: It held. #Deterrence "


@pytest.fixture
def exported(small_file: Path) -> Path:
    """The small workbook's export, beside the workbook and its essay."""
    path = small_file.with_suffix(".argdown")
    assert main(["export", str(small_file), "--to", "argdown", "-o", str(path)]) == 0
    return path


def edited(path: Path, old: str, new: str) -> Path:
    """The export with `old` (which it holds once) made `new`."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def read_back(source: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Workbook, str]:
    """The workbook the command writes, and what it said."""
    out = source.with_name("back.toml")
    assert main(["new", "--from", "argdown", str(source), "-o", str(out)]) == 0
    return load(out), capsys.readouterr().out


def refused(source: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The one line the command refuses with; it exits 2 and writes nothing."""
    out = source.with_name("back.toml")
    assert main(["new", "--from", "argdown", str(source), "-o", str(out)]) == 2
    assert not out.exists()
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1, err
    return err


def test_an_unedited_export_reads_back_as_it_was(
    exported: Path, small_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    back, said = read_back(exported, capsys)
    assert dumps(back) == dumps(load(small_file))
    assert said == f"{exported.with_name('back.toml')}: 2 claims, 3 points from {exported}\n"


def test_a_points_edited_words_are_taken(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited(exported, SHOWN, SHOWN.replace("Attacks rose.", "Attacks rose \\#fast\\."))
    back, _ = read_back(exported, capsys)
    point = back.claims["blowback"].points["p1"]
    # The escapes are read; the cards, the strength and the cites stay the data's.
    assert (point.text, point.cards, point.strength) == ("Attacks rose #fast.", ["smith"], 4)


def test_an_edit_keeps_the_line_breaks_it_did_not_touch(
    small_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = load(small_file)
    workbook.claims["blowback"].points["p1"].text = "First, this.\n\nThen that.\nAnd more."
    path = small_file.with_suffix(".argdown")
    path.write_text(export(workbook), encoding="utf-8")
    edited(path, "Then that. And", "Then the other. And")
    back, _ = read_back(path, capsys)
    assert back.claims["blowback"].points["p1"].text == "First, this.\n\nThen the other.\nAnd more."


def test_a_claims_edited_tag_and_tags_are_taken(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited(exported, "[blowback]: Strikes backfire #(blowback)", "[blowback]: Strikes fail #x")
    back, _ = read_back(exported, capsys)
    claim = back.claims["blowback"]
    assert (claim.tag, claim.tags, claim.quote) == (
        "Strikes fail",
        ["x"],
        "Strikes bring blowback.",
    )


def quote_only(small_file: Path) -> Path:
    """The small workbook's export with the claim `story` shown by its quote (it has no tag)."""
    workbook = load(small_file)
    workbook.claims["story"].tag = ""
    path = small_file.with_suffix(".argdown")
    path.write_text(export(workbook), encoding="utf-8")
    return path


def test_a_claims_edited_quote_is_taken_as_the_essay_has_it(
    small_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = edited(
        quote_only(small_file),
        "[story]: Deterrence is a story told afterwards.",
        "[story]: a STORY told afterwards",
    )
    back, _ = read_back(path, capsys)
    # The essay's own characters, found whatever the case typed.
    assert back.claims["story"].quote == "a story told afterwards"


def test_a_claims_edited_quote_the_essay_does_not_hold_is_refused(
    small_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = edited(
        quote_only(small_file),
        "[story]: Deterrence is a story told afterwards.",
        "[story]: Deterrence is a fact",
    )
    line = line_of(path, "[story]")
    assert refused(path, capsys).startswith(
        f"{path}:{line}:1: [story]: its quote was edited: not the words of paragraph 3"
    )


def test_support_turned_into_attack_with_its_side_is_taken(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited(exported, SHOWN, SHOWN.replace("<+", "<-").replace("#Blowback", "#Deterrence"))
    # Its answer was the other side's, and stays so: it changes sides too.
    edited(exported, ANSWER, ANSWER.replace("#Deterrence", "#Blowback"))
    back, _ = read_back(exported, capsys)
    points = back.claims["blowback"].points
    assert (points["p1"].side, points["p1"].kind) == ("pro", "counters")
    assert (points["p2"].side, points["p2"].kind, points["p2"].answers) == ("con", "answers", "p1")


def line_of(path: Path, start: str) -> int:
    """The number of the line of `path` that starts with `start`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(start))


def test_support_turned_into_attack_alone_is_refused(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited(exported, SHOWN, SHOWN.replace("<+", "<-"))
    line = line_of(exported, "  <- <Blowback: Attacks rose>")
    assert refused(exported, capsys) == (
        f"{exported}:{line}:6: <Blowback: Attacks rose>: is tagged #Blowback and attacks "
        "[blowback], a claim of its own side: change its tag, or make it support it (<+)\n"
    )


def test_an_answer_moved_to_another_point_is_taken(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The answer to Blowback's p1 moved under the claim `story`, where it answers nothing of
    # the other side: refused; then made Blowback's answer to Deterrence's p1 there.
    text = exported.read_text(encoding="utf-8")
    lines = text.split("\n")
    answer = next(n for n, line in enumerate(lines) if line.startswith(ANSWER))
    moved = lines.pop(answer)
    lines.insert(lines.index(next(x for x in lines if x.startswith(COUNTER))) + 1, moved)
    exported.write_text("\n".join(lines), encoding="utf-8")
    assert "answers <Deterrence: It held>, a point of its own side" in refused(exported, capsys)
    edited(exported, ANSWER + "{", ANSWER.replace("#Deterrence", "#Blowback") + "{")
    back, said = read_back(exported, capsys)
    moved_point = back.claims["story"].points["p2"]  # blowback's p2 is taken by nothing here
    assert (moved_point.side, moved_point.kind, moved_point.answers) == ("con", "answers", "p1")
    assert moved_point.text == "Not because of it."
    assert list(back.claims["blowback"].points) == ["p1"]
    assert "(" not in said  # a point moved is neither new nor gone


def test_a_point_moved_to_another_claim_is_that_claims(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Deterrence's counter to `story` moved under `blowback`: it counters that claim, under
    a new id there (p1 is taken), with its cards."""
    text = exported.read_text(encoding="utf-8")
    line = next(x for x in text.split("\n") if x.startswith(COUNTER))
    answer = next(x for x in text.split("\n") if x.startswith(ANSWER))
    text = text.replace("\n" + line, "").replace(answer, answer + "\n" + line)
    exported.write_text(text, encoding="utf-8")
    back, said = read_back(exported, capsys)
    assert back.claims["story"].points == {}
    moved = back.claims["blowback"].points["p3"]
    assert (moved.side, moved.kind, moved.text, moved.cards) == (
        "pro",
        "counters",
        "It held.",
        ["slot"],
    )
    assert "(" not in said


def test_points_put_in_another_order_keep_it(
    seed_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The claim's last tree of points written first: the points are in the file's order."""
    source = seed_copy.with_suffix(".argdown")
    assert main(["export", str(seed_copy), "--to", "argdown", "-o", str(source)]) == 0
    as_written, _ = read_back(source, capsys)
    order = list(as_written.claims["reckless-decision"].points)  # the file's order, a line each
    source.with_name("back.toml").unlink()
    lines = source.read_text(encoding="utf-8").split("\n")
    claim = next(n for n, line in enumerate(lines) if line.startswith("[reckless-decision]"))
    end = lines.index("", claim)
    last = max(n for n in range(claim, end) if lines[n].startswith("  <"))
    assert 0 < end - last < len(order)  # the last tree is some of the claim's points
    lines[claim + 1 : end] = lines[last:end] + lines[claim + 1 : last]
    source.write_text("\n".join(lines), encoding="utf-8")
    back, _ = read_back(source, capsys)
    moved = end - last
    assert list(back.claims["reckless-decision"].points) == order[-moved:] + order[:-moved]


def test_an_edited_heading_is_the_title_or_the_section(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited(exported, "\n# Small\n", "\n# Smaller\n")
    edited(exported, "\n## Intro\n", "\n## Opening\n")
    back, _ = read_back(exported, capsys)
    assert back.title == "Smaller"
    assert [claim.section for claim in back.claims.values()] == ["Opening", "Opening"]


def test_a_claim_renamed_keeps_its_points(
    exported: Path, small_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited(exported, "[blowback]: ", "[backfire]: ")
    back, said = read_back(exported, capsys)
    assert list(back.claims) == ["backfire", "story"]
    assert back.claims["backfire"] == load(small_file).claims["blowback"]
    assert "(" not in said  # nothing new, nothing gone


def test_a_relation_left_out_is_refused(exported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The point's line no longer under its claim: it relates to nothing."""
    edited(exported, "\n" + COUNTER, "\n\n" + COUNTER.removeprefix("  <- "))
    assert "<Deterrence: It held>: relates to nothing" in refused(exported, capsys)


def test_a_point_left_out_is_gone_and_said(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = exported.read_text(encoding="utf-8")
    exported.write_text(
        "\n".join(line for line in text.split("\n") if not line.startswith(ANSWER)),
        encoding="utf-8",
    )
    back, said = read_back(exported, capsys)
    assert list(back.claims["blowback"].points) == ["p1"]
    assert "2 claims, 2 points (1 gone)" in said


def test_a_point_added_with_no_data_is_a_new_point(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = "  <- <It was lawful>: It was \\#lawful\\. #Deterrence\n  <+ <Untagged>: So what\n"
    edited(exported, COUNTER, new + COUNTER)
    back, said = read_back(exported, capsys)
    points = back.claims["story"].points
    assert list(points) == ["p2", "p3", "p1"]  # where they were written: before p1
    assert (points["p2"].side, points["p2"].kind, points["p2"].text) == (
        "pro",
        "counters",
        "It was #lawful.",
    )
    # With no tag, its side is the one its relation says: it supports a claim of Blowback.
    assert (points["p3"].side, points["p3"].kind, points["p3"].text) == (
        "con",
        "supports",
        "So what",
    )
    assert "(2 new)" in said


def test_a_point_given_another_points_data_is_refused(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = exported.read_text(encoding="utf-8")
    line = next(x for x in text.split("\n") if x.startswith(COUNTER))
    edited(exported, line, line + "\n" + line.replace("It held>", "It held again>"))
    assert "<Deterrence: It held again>: has the data of <Deterrence: It held> (story.p1)" in (
        refused(exported, capsys)
    )


@pytest.mark.parametrize(
    ("old", "new", "told"),
    [
        (COUNTER, COUNTER.replace("#Deterrence", "#Deterrence #Blowback"), "both sides"),
        (COUNTER, COUNTER.replace("#Deterrence", "#(Hawks)"), "#Hawks is not a side's tag"),
        (SHOWN, SHOWN.replace("(Smith 21)", "(Smith 22)"), "its cites, (Smith 21), are"),
        (ANSWER, ANSWER.replace("<-", "<+"), "supports <Blowback: Attacks rose>: a point"),
        (ANSWER, ANSWER.replace("<-", "<_"), "an undercut, which a workbook has no place for"),
        ("\n\n[story]", "\n\nstray words\n\n[story]", "text after no claim or point"),
        (COUNTER, "  <- It held\\.", "an element with no title"),
        (COUNTER, "  <- <Nowhere>\n" + COUNTER, "<Nowhere>: named, but never written"),
        ('{"id":"story.p1"', '{"id":"p1"', "its data holds no point with its id (CLAIM.POINT)"),
        ('"story.p1","point":{', '"story.p1","point":{"side":"con",', "its data says side 'con'"),
        ("[story]: ", "[novel]: The new claim\n\n[story]: ", "[novel]: a claim's data holds no"),
    ],
    ids=[
        "two-sides",
        "unknown-tag",
        "cites",
        "support-a-point",
        "undercut",
        "stray-text",
        "untitled",
        "undefined",
        "no-id",
        "data-side",
        "new-claim",
    ],
)
def test_what_a_workbook_has_no_place_for_is_refused_in_one_line(
    exported: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, told: str
) -> None:
    edited(exported, old, new)
    said = refused(exported, capsys)
    assert said.startswith(f"{exported}:") and told in said, said


def test_comments_and_the_forms_argdown_allows_read_as_argdown_reads_them(
    exported: Path, small_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A comment is no text, and `+>`, `->`, a bare `+` or `-` and a reference relate as
    `<+` and `<-` do, wherever they are written."""
    text = exported.read_text(encoding="utf-8")
    text = text.replace(COUNTER, "// what Deterrence says\n  - " + COUNTER.removeprefix("  <- "))
    text = text.replace(" #Blowback {", " #Blowback /* a note\nover lines */ {")
    answer = next(x for x in text.split("\n") if x.startswith(ANSWER))
    text = text.replace(answer + "\n", "")
    text += (
        "\n"
        + answer.strip().removeprefix("<- ")
        + "  // the answer\n  -> <Blowback: Attacks rose>\n"
    )
    exported.write_text(text, encoding="utf-8")
    back, _ = read_back(exported, capsys)
    assert dumps(back) == dumps(load(small_file))


OLD_EXPORT = """===
{"workbook":{"format":2,"essay":{"paragraphs":1},"sides":{"a":{"name":"A"},"b":{"name":"B"}}}}
===

# (no text)

[c]: C {"claim":{"paragraph":1,"side":"a","quote":"C","points":["p1","p2"]}}
  <+ <c.p1>: one {"point":{"side":"a","kind":"supports","text":"one"}}
    <- <c.p2>: two edited {"point":{"side":"b","kind":"answers","answers":"p1","text":"two"}}
"""


def test_an_export_from_before_titles_were_words_reads_back(tmp_path: Path) -> None:
    """Titled by ids, all the fields in the data, no side tags: the text still decides."""
    back = read(OLD_EXPORT, tmp_path / "old.argdown")
    points = back.claims["c"].points
    assert (points["p2"].text, points["p2"].kind, points["p2"].answers) == (
        "two edited",
        "answers",
        "p1",
    )


@settings(max_examples=150, deadline=None)
@given(st.one_of(workbooks(), hostile_workbooks()), st.data())
def test_any_edit_to_a_points_words_reads_back_as_typed(
    workbook: Workbook, drawn: st.DataObject
) -> None:
    """Whatever a point's words become, Argdown's syntax and all (escaped, as an editor that
    knows Argdown writes it), they read back as typed; the rest of the workbook as it was."""
    titles = point_titles(workbook)
    assume(titles)
    claim_id, point_id = drawn.draw(st.sampled_from(sorted(titles)))
    point = workbook.claims[claim_id].points[point_id]
    new = drawn.draw(hazardous)
    assume(escape(new) != NO_TEXT and flat(new).strip() != NO_TEXT)
    title = titles[claim_id, point_id]
    text = export(workbook)
    assert text.count(f"<{title}>: ") == 1
    text = text.replace(f"<{title}>: {escape(point.text)}", f"<{title}>: {escape(new)}")
    back = read(text, Path("x.argdown"))
    words = back.claims[claim_id].points[point_id].text
    if escape(new).split() == escape(point.text).split():
        assert words == point.text  # spaces alone are no edit: the exact text is kept
    else:
        assert flat(words) == flat(new).strip()
    back.claims[claim_id].points[point_id].text = point.text
    assert dumps(back) == dumps(workbook)


SMALL_EXPORT = export(Workbook.model_validate(small_data()))
# Pieces an editing hand drops into an export: Argdown's syntax, relations, tags, data.
PIECES = st.one_of(
    st.sampled_from(
        [
            *HAZARDS,
            "<+ ",
            "<- ",
            "  ",
            "\n  <- <X>: y\n",
            "#Blowback",
            "#Deterrence",
            '{"id":"story.p1"}',
            "-> <Blowback: Attacks rose>",
            "[story]",
        ]
    ),
    st.text(max_size=5),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, len(SMALL_EXPORT)), st.integers(0, 8), PIECES), max_size=4)
)
def test_any_edit_reads_back_or_is_refused_in_one_line(edits: list[tuple[int, int, str]]) -> None:
    """Whatever is cut or typed anywhere in an export, reading it back gives a workbook or one
    line naming the file: never a traceback."""
    text = SMALL_EXPORT
    for at, cut, piece in edits:
        text = text[:at] + piece + text[at + cut :]
    try:
        read(text, Path("x.argdown"))
    except WorkbookError as error:  # which the command says in one line, exit status 2
        assert str(error).startswith("x.argdown")


def test_an_older_export_whose_text_and_data_disagree_is_refused(tmp_path: Path) -> None:
    """An export from before kept each point's side and kind in its data too: support turned
    into attack in its text alone cannot be told from a mistake, and is refused."""
    flipped = OLD_EXPORT.replace("  <+ <c.p1>", "  <- <c.p1>")
    with pytest.raises(WorkbookError, match=r":8:6: <c\.p1>: its data says side 'a'"):
        read(flipped, tmp_path / "old.argdown")
