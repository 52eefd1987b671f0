"""Format 2: the card library, read-aloud marks, cites, and the upgrade from format 1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from pydantic import ValidationError

from workbook.commands import main
from workbook.core.cites import full_cite, incomplete_cite, short_cite
from workbook.core.marks import in_quotes, plain, read_aloud, runs, unpaired, words_read_aloud
from workbook.core.model import Card, Workbook
from workbook.storage.files import WorkbookError
from workbook.storage.store import dumps, parse, read_workbook, save, validate

from .conftest import ESSAY, small_data, small_v1_data
from .strategies import workbook_data


def test_marks_split_the_text_into_runs() -> None:
    text = "The strike ==was reckless== and ==costly=="
    assert runs(text) == [
        (False, "The strike "),
        (True, "was reckless"),
        (False, " and "),
        (True, "costly"),
    ]
    assert plain(text) == "The strike was reckless and costly"
    assert read_aloud(text) == ["was reckless", "costly"]
    assert words_read_aloud(text) == 3
    assert words_read_aloud("No marks: all four words") == 5
    assert unpaired("one == two") and not unpaired("==a== b")


def test_a_cards_text_is_shown_in_quotation_marks_unless_it_opens_with_its_own() -> None:
    assert in_quotes("Attacks rose.") == "“Attacks rose.”"
    assert in_quotes("==Attacks== rose.", "**Attacks** rose.") == "“**Attacks** rose.”"
    said = "“We were ready,” he said."
    assert in_quotes(said) == said  # never ““We were ready,” he said.”
    assert in_quotes("==“We were ready==,” he said.", "**“We were ready**,” he said.") == (
        "**“We were ready**,” he said."
    )
    assert in_quotes("") == "“”"


def test_a_text_that_closes_with_its_own_quotation_mark_is_not_put_in_another_pair() -> None:
    said = "Hajizadeh said: “That night we had the readiness for all-out war.”"
    assert in_quotes(said) == said  # never “Hajizadeh said: “… war.””
    assert in_quotes("He called it ‘a gamble’") == "He called it ‘a gamble’"
    assert in_quotes('He said "enough"') == 'He said "enough"'
    assert in_quotes("==Hajizadeh said:== “ready.”", "**Hajizadeh said:** “ready.”") == (
        "**Hajizadeh said:** “ready.”"
    )
    # A closing single mark with no opening one is an apostrophe: the text is quoted.
    assert in_quotes("the voters’") == "“the voters’”"
    assert in_quotes("the voters' ") == "“the voters' ”"


def test_an_unpaired_mark_is_refused_at_the_cards_text() -> None:
    data = small_data()
    data["cards"]["smith"]["text"] = "==read this"
    with pytest.raises(WorkbookError) as caught:
        validate(data, Path("w.toml"))
    assert str(caught.value).startswith("w.toml: cards.smith.text: a read-aloud mark '==' ")
    with pytest.raises(ValidationError):
        Card(text="a == b")


def test_short_and_full_cites() -> None:
    card = Card(
        author="Ann Smith and Bo Lee",
        qualifications="professors of law",
        date="2021-03-04",
        title="On strikes",
        publication="The Review",
        url="https://example.org/a",
        accessed="2022-01-02",
    )
    assert short_cite(card) == card.cite == "Smith et al. 21"
    assert (
        full_cite(card)
        == card.full_cite
        == (
            "Ann Smith and Bo Lee, professors of law, 2021-03-04, “On strikes”, The Review, "
            "https://example.org/a, accessed 2022-01-02"
        )
    )
    assert Card(publication="UPI").full_cite == "UPI"
    assert not incomplete_cite(card)
    assert incomplete_cite(Card(author="Ann Smith"))  # no date
    assert incomplete_cite(Card(title="On strikes", date="2021"))  # no author, no publication
    assert not incomplete_cite(Card(publication="UPI", date="2020"))


@pytest.mark.parametrize(
    ("cards", "message"),
    [
        (["nothing"], "no card 'nothing' in the card library ([cards])"),
        (["smith", "smith"], "card 'smith' is listed twice"),
    ],
)
def test_a_point_reads_library_cards_each_once(cards: list[str], message: str) -> None:
    data = small_data()
    data["claims"]["blowback"]["points"]["p1"]["cards"] = cards
    with pytest.raises(WorkbookError) as caught:
        validate(data, Path("w.toml"))
    assert str(caught.value) == f"w.toml: claims.blowback.points.p1.cards: {message}"


def test_a_format_1_file_is_read_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "old.toml"
    (tmp_path / "small.txt").write_text(ESSAY, encoding="utf-8")
    import tomli_w

    path.write_text(tomli_w.dumps(small_v1_data()), encoding="utf-8")
    loaded = read_workbook(path)
    assert (loaded.version, loaded.upgraded) == (1, True)
    assert loaded.workbook.claims["blowback"].points["p1"].cards == ["blowback-p1-1"]
    assert loaded.workbook.cards["blowback-p1-1"] == Card(
        tag="Attacks rose", author="Ann Smith", date="2021"
    )
    save(loaded.workbook, path)
    again = read_workbook(path)
    assert (again.version, again.upgraded) == (2, False)


def test_a_format_1_error_names_the_field_where_the_file_has_it() -> None:
    data = small_v1_data()
    data["claims"]["blowback"]["points"]["p1"]["cards"]["1"]["date"] = "late 2021"
    with pytest.raises(WorkbookError) as caught:
        validate(data, Path("old.toml"))
    assert str(caught.value).startswith("old.toml: claims.blowback.points.p1.cards.1.date: ")


def test_equal_cards_become_one_and_ids_stay_unique() -> None:
    data = small_v1_data()
    same = {"tag": "Attacks rose", "author": "Ann Smith", "date": "2021"}
    story = data["claims"]["story"]["points"]["p1"]
    story["cards"] = {"1": dict(same), "2": {}, "3": {}}
    # Two places whose ids join to the same card id.
    claim = {k: v for k, v in data["claims"]["story"].items() if k != "points"}
    point = {"side": "pro", "kind": "counters"}
    data["claims"]["a-b"] = {**claim, "points": {"c": {**point, "cards": {"1": {"tag": "x"}}}}}
    data["claims"]["a"] = {**claim, "points": {"b-c": {**point, "cards": {"1": {"tag": "y"}}}}}
    upgraded = validate(data, Path("old.toml"))
    story_cards = upgraded.claims["story"].points["p1"].cards
    assert story_cards == ["blowback-p1-1", "story-p1-2", "story-p1-3"]
    assert upgraded.claims["a"].points["b-c"].cards == ["a-b-c-1-2"]
    assert upgraded.cards["a-b-c-1"].tag == "x" and upgraded.cards["a-b-c-1-2"].tag == "y"
    assert upgraded.cards["story-p1-2"] == upgraded.cards["story-p1-3"] == Card()


def point_cards(workbook: Workbook) -> dict[tuple[str, str], list[Card]]:
    return {
        (cid, pid): [workbook.cards[k] for k in point.cards]
        for cid, claim in workbook.claims.items()
        for pid, point in claim.points.items()
    }


def old_point_cards(data: dict[str, Any]) -> dict[tuple[str, str], list[Card]]:
    return {
        (cid, pid): [Card.model_validate(card) for card in point.get("cards", {}).values()]
        for cid, claim in data["claims"].items()
        for pid, point in claim["points"].items()
    }


@settings(max_examples=80, deadline=None)
@given(workbook_data(version=1))
def test_upgrading_then_saving_and_loading_is_lossless(data: dict[str, Any]) -> None:
    upgraded = validate(data, Path("old.toml"))
    again = parse(dumps(upgraded), Path("new.toml"))
    assert again == upgraded
    assert point_cards(again) == old_point_cards(data)
    old = Workbook.model_validate({**data, "format": 2, "claims": {}})
    assert again.model_dump(exclude={"cards", "claims"}) == old.model_dump(
        exclude={"cards", "claims"}
    )
    assert dumps(again) == dumps(upgraded)


@settings(max_examples=80, deadline=None)
@given(workbook_data())
def test_a_new_file_is_byte_stable(data: dict[str, Any]) -> None:
    text = dumps(Workbook.model_validate(data))
    assert dumps(parse(text, Path("w.toml"))) == text


def test_fmt_upgrades_a_format_1_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import tomli_w

    (tmp_path / "small.txt").write_text(ESSAY, encoding="utf-8")
    path = tmp_path / "old.toml"
    path.write_text(tomli_w.dumps(small_v1_data()), encoding="utf-8")
    before = path.read_bytes()
    assert main(["fmt", "--check", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"{path}: not in canonical form (format 1; the rewrite is format 2)\n"
    )
    assert path.read_bytes() == before
    assert main(["fmt", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: upgraded to format 2\n"
    assert path.read_text().startswith("format = 2\n")
    assert main(["fmt", "--check", str(path)]) == 0


def write_small(folder: Path, name: str, data: dict[str, Any] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "small.txt").write_text(ESSAY, encoding="utf-8")
    path = folder / name
    save(Workbook.model_validate(data or small_data()), path)
    return path


def test_cards_lists_every_card_with_where_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_small(tmp_path, "small.toml")
    assert main(["cards", str(path)]) == 0
    out = capsys.readouterr().out
    assert out == (
        f"{path}: cards.smith\n  Smith 21: Attacks rose\n  Ann Smith, 2021\n"
        "  read by: blowback.p1\n\n"
        f"{path}: cards.slot\n  open slot: evidence needed\n  read by: story.p1\n\n"
    )


def test_cards_searches_folders_and_reports_a_broken_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = small_data()
    data["cards"]["smith"]["text"] = "Attacks ==ROSE== after the strike"
    write_small(tmp_path / "a", "one.toml", data)
    write_small(tmp_path / "a" / "b", "two.toml")
    # A folder's other TOML files (settings, a provenance list) are passed over in silence;
    # a file meant as a workbook that is not a valid one is reported.
    (tmp_path / "a" / "notes.toml").write_text('title = "not a workbook"\n')
    (tmp_path / "a" / "broken.toml").write_text("format = 2\n")
    (tmp_path / "a" / ".hidden").mkdir()
    (tmp_path / "a" / ".hidden" / "x.toml").write_text("broken =")
    status = main(["cards", str(tmp_path / "a"), "--search", "rose AFTER", "--json"])
    out, err = capsys.readouterr()
    assert status == 2
    assert err.startswith(f"{tmp_path / 'a' / 'broken.toml'}: ")
    assert err.count("\n") == 1
    listed = json.loads(out)
    assert [(Path(c["file"]).name, c["id"]) for c in listed] == [("one.toml", "smith")]
    assert listed[0]["used_by"] == [{"claim": "blowback", "point": "p1"}]
    assert list(listed[0])[:5] == ["file", "id", "cite", "full_cite", "open"]
    assert main(["cards", str(tmp_path / "a" / "b"), "--search", "smith 21"]) == 0
    assert "cards.smith" in capsys.readouterr().out
    # Named on its own, a file that is not a workbook is reported.
    assert main(["cards", str(tmp_path / "a" / "notes.toml")]) == 2
    assert "format: is required" in capsys.readouterr().err


def test_cards_searches_as_the_app_does_notes_and_letters_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = small_data()
    data["cards"]["smith"]["notes"] = "From her Hoover Institution talk."
    path = write_small(tmp_path, "one.toml", data)
    assert main(["cards", str(path), "--search", "hoover"]) == 0
    assert "cards.smith" in capsys.readouterr().out
    assert main(["cards", str(path), "--search", "smth"]) == 0  # letters left out of "Smith 21"
    assert "cards.smith" in capsys.readouterr().out
    assert main(["cards", str(path), "--search", "nothing-like-it"]) == 0
    assert capsys.readouterr() == ("", "No card fits 'nothing-like-it'.\n")
    (tmp_path / "empty").mkdir()
    assert main(["cards", str(tmp_path / "empty")]) == 0
    assert capsys.readouterr() == ("", "No card is in these workbooks.\n")


def test_cards_of_a_missing_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cards", str(tmp_path / "none.toml")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err
