"""The round's timer on a fake clock: pauses, overtime, prep banks, marks and format switches."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.practice.format_file import load_formats
from workbook.practice.formats import BUILT_IN, listing
from workbook.practice.timer import RoundTimer, shown
from workbook.storage.files import WorkbookError
from workbook.storage.locations import formats_file


class FakeClock:
    def __init__(self) -> None:
        self.time = 1000.0

    def __call__(self) -> float:
        return self.time

    def tick(self, seconds: float) -> None:
        self.time += seconds


@pytest.fixture
def fake() -> FakeClock:
    return FakeClock()


def test_a_speech_counts_down_only_while_it_runs(fake: FakeClock) -> None:
    timer = RoundTimer(BUILT_IN["ld"], fake)
    assert shown(timer.left()) == "6:00"
    fake.tick(10)
    assert timer.left() == 360  # not started: nothing counts
    timer.toggle()
    fake.tick(0.4)
    assert shown(timer.left()) == "6:00"  # the first second shows the full length
    fake.tick(59.6)
    assert shown(timer.left()) == "5:00"
    timer.toggle()
    fake.tick(100)
    assert timer.left() == 300
    timer.toggle()
    fake.tick(1.5)
    assert shown(timer.left()) == "4:59"


def test_overtime_counts_up_and_marks_ring_once(fake: FakeClock) -> None:
    timer = RoundTimer(BUILT_IN["ld"], fake)
    timer.start()
    fake.tick(299)
    assert timer.poll() == [] and timer.phase() == "time"
    fake.tick(1)
    assert timer.poll() == [60] and timer.phase() == "mark"
    fake.tick(45)  # a late refresh still reports the mark it passed
    assert timer.poll() == [30]
    assert timer.poll() == []
    fake.tick(15)
    assert timer.phase() == "zero" and shown(timer.left()) == "0:00"
    assert timer.poll() == [0]
    fake.tick(5.7)
    assert timer.phase() == "over" and shown(timer.left()) == "+0:05"
    assert timer.poll() == []
    timer.reset()
    assert timer.left() == 360 and timer.running is None  # full again, and stopped


def test_prep_banks_are_per_side_and_pause_the_speech(fake: FakeClock) -> None:
    timer = RoundTimer(BUILT_IN["policy-hs"], fake)
    timer.start()
    fake.tick(60)
    timer.toggle_prep("Neg")
    assert timer.running == "Neg"
    fake.tick(90)
    assert timer.left() == 420 and timer.prep_left("Neg") == 390
    assert timer.prep_left("Aff") == 480
    timer.toggle_prep("Aff")  # one runs at a time
    fake.tick(30)
    assert timer.prep_left("Neg") == 390 and timer.prep_left("Aff") == 450
    timer.toggle_prep("Aff")
    assert timer.running is None
    fake.tick(500)
    assert timer.prep_left("Aff") == 450


def test_next_and_back_keep_each_speech_its_own_time(fake: FakeClock) -> None:
    timer = RoundTimer(BUILT_IN["pf"], fake)
    timer.start()
    fake.tick(30)
    timer.go(1)
    assert timer.running is None and timer.speech.name == "Con constructive"
    assert timer.left() == 240
    timer.go(-1)
    assert timer.left() == 210
    timer.go(-1)
    assert timer.index == 0
    for _ in range(20):
        timer.go(1)
    assert timer.speech.name == "Con final focus"


def test_switching_format_starts_over(fake: FakeClock) -> None:
    timer = RoundTimer(BUILT_IN["policy"], fake)
    timer.toggle_prep("Aff")
    timer.go(3)
    fake.tick(100)
    # World Schools (prepared): no prep in the round, and none before it.
    timer.switch(BUILT_IN["ws"])
    assert timer.index == 0 and timer.running is None
    assert timer.speech.name == "Prop 1" and timer.left() == 480
    timer.toggle_prep("Prop")  # no prep in the round: nothing starts
    assert timer.running is None


def test_the_built_in_formats_hold_the_usual_times() -> None:
    ld = BUILT_IN["ld"]
    assert [s.seconds // 60 for s in ld.speeches] == [6, 3, 7, 3, 4, 6, 3] and ld.prep == 240
    hs, college = BUILT_IN["policy-hs"], BUILT_IN["policy"]
    assert hs.speech("1AC").seconds == 480 and hs.speech("2AR").seconds == 300  # type: ignore[union-attr]
    assert college.speech("1AC").seconds == 540 and college.speech("1NR").seconds == 360  # type: ignore[union-attr]
    assert [s.seconds // 60 for s in BUILT_IN["npda"].speeches] == [7, 8, 8, 8, 4, 5]
    assert [s.seconds // 60 for s in BUILT_IN["ws"].speeches] == [8] * 6 + [4, 4]
    assert [s.seconds // 60 for s in BUILT_IN["bp"].speeches] == [7] * 8
    assert BUILT_IN["pf"].prep == 180
    assert listing(load_formats(Path("/nonexistent/formats.toml")))[0].startswith("policy-hs:")


def test_the_users_file_overrides_and_adds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    path = formats_file()
    assert path == tmp_path / "workbook" / "formats.toml"
    path.parent.mkdir()
    path.write_text(
        '[formats.ld]\nprep = 5\nmarks = [30]\n\n[formats.novice]\nname = "Novice"\n'
        'speeches = [{ name = "AC", minutes = 5, side = "Aff" }, { name = "CX", minutes = 2.5 }]\n',
        encoding="utf-8",
    )
    formats = load_formats()
    assert formats.get("ld").prep == 300 and formats.get("ld").marks == (30,)
    assert formats.get("LD").speeches == BUILT_IN["ld"].speeches
    novice = formats.get("Novice")
    assert [(s.name, s.seconds, s.side) for s in novice.speeches] == [
        ("AC", 300, "Aff"),
        ("CX", 150, ""),
    ]
    with pytest.raises(WorkbookError, match="no format 'oxford'"):
        formats.get("oxford")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[formats.ld]\nprep = 'five'\n", r"formats.toml:2:1: formats.ld.prep: .*"),
        ("[formats.ld]\nmarks = [30]\nspeeches = [{ minutes = 3 }]\n", r":3:1: .*name"),
        ("[formats.x]\nname = 'X'\n", r":1:1: formats.x: a new format lists its speeches"),
        ("[formats.ld\n", r"formats.toml:1:\d+: "),
        ("[formats.ld]\ncolour = 1\n", r":2:1: formats.ld.colour: is not a field"),
    ],
)
def test_a_bad_file_is_one_line_with_its_place(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "formats.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WorkbookError, match=expected) as raised:
        load_formats(path)
    assert "\n" not in str(raised.value)


def test_limited_prep_formats_say_how_long_their_prep_before_the_round_is() -> None:
    minutes = {key: fmt.prep_before // 60 for key, fmt in BUILT_IN.items()}
    assert minutes == {
        "policy-hs": 0,
        "policy": 0,
        "ld": 0,
        "pf": 0,
        "npda": 20,
        "ws": 0,
        "ws-impromptu": 60,
        "bp": 15,
    }
    assert BUILT_IN["ws-impromptu"].speeches == BUILT_IN["ws"].speeches


def test_the_timer_counts_the_prep_before_the_round_down_before_the_first_speech(
    fake: FakeClock,
) -> None:
    timer = RoundTimer(BUILT_IN["bp"], fake)
    assert timer.speech.name == "Prep before the round" and timer.speech.side == ""
    assert shown(timer.left()) == "15:00"
    timer.toggle()
    fake.tick(15 * 60 - 30)
    assert shown(timer.left()) == "0:30" and timer.poll() == [60, 30]
    timer.go(1)
    assert timer.speech.name == "PM" and timer.left() == 420  # the first speech, untouched
    assert [s.name for s in timer.order][:2] == ["Prep before the round", "PM"]
    timer.switch(BUILT_IN["ld"])  # a prepared format: the first speech comes first
    assert timer.speech.name == "AC" and len(timer.order) == len(BUILT_IN["ld"].speeches)


def test_the_users_file_changes_the_prep_before_the_round(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    path = formats_file()
    path.parent.mkdir()
    path.write_text(
        "[formats.bp]\nprep_before = 30\n\n[formats.ld]\nprep_before = 2.5\n\n"
        '[formats.mock]\nprep_before = 10\nspeeches = [{ name = "PM", minutes = 5 }]\n',
        encoding="utf-8",
    )
    formats = load_formats()
    assert formats.get("bp").prep_before == 1800 and formats.get("ld").prep_before == 150
    assert formats.get("mock").prep_before == 600 and formats.get("npda").prep_before == 1200
    path.write_text("[formats.bp]\nprep_before = -5\n", encoding="utf-8")
    with pytest.raises(WorkbookError, match=r"formats.toml:2:1: formats.bp.prep_before"):
        load_formats()
