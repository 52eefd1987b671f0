"""Debate formats: the speeches of a round in order, each with its length, and each side's prep.

The formats debaters meet most are built in; a user keeps changes and formats of their own in
a small TOML file in their config folder (`formats.toml`), which overrides a built-in format
field by field or adds one.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import tomli

from .files import WorkbookError, read_text

if TYPE_CHECKING:
    from pydantic import ValidationError

DEFAULT_MARKS = (60, 30)  # seconds left at which the timer changes colour and rings


@dataclass(frozen=True)
class Speech:
    name: str
    seconds: int
    side: str = ""  # the side that speaks; "" for a cross-examination both sides share


@dataclass(frozen=True)
class Format:
    key: str
    name: str
    sides: tuple[str, str]
    speeches: tuple[Speech, ...]
    prep: int = 0  # seconds of prep time each side may take during the round; 0 for none
    marks: tuple[int, ...] = DEFAULT_MARKS

    def speech(self, wanted: str) -> Speech | None:
        """The speech named `wanted` (any case), or None."""
        for speech in self.speeches:
            if speech.name.lower() == wanted.lower():
                return speech
        return None

    @property
    def total(self) -> int:
        return sum(speech.seconds for speech in self.speeches) + 2 * self.prep


def _m(minutes: float) -> int:
    return round(minutes * 60)


def _policy(key: str, name: str, constructive: int, cross: int, rebuttal: int, prep: int) -> Format:
    speeches: list[Speech] = []
    for speaker, side in (("1AC", "Aff"), ("1NC", "Neg"), ("2AC", "Aff"), ("2NC", "Neg")):
        speeches += [Speech(speaker, _m(constructive), side), Speech("CX", _m(cross))]
    for speaker, side in (("1NR", "Neg"), ("1AR", "Aff"), ("2NR", "Neg"), ("2AR", "Aff")):
        speeches.append(Speech(speaker, _m(rebuttal), side))
    return Format(key, name, ("Aff", "Neg"), tuple(speeches), _m(prep))


def _each(side_names: tuple[str, str], *plan: tuple[str, float, int]) -> tuple[Speech, ...]:
    # A plan names each speech's side by its place, 1 or 2; 0 is a cross-examination.
    return tuple(
        Speech(name, _m(minutes), side_names[side - 1] if side else "")
        for name, minutes, side in plan
    )


_PF = ("Pro", "Con")
_GOV = ("Gov", "Opp")
_WS = ("Prop", "Opp")

BUILT_IN: dict[str, Format] = {
    fmt.key: fmt
    for fmt in (
        _policy("policy-hs", "Policy (high school)", 8, 3, 5, 8),
        # College policy gives ten minutes of prep a side (NDT/CEDA).
        _policy("policy", "Policy (college)", 9, 3, 6, 10),
        Format(
            "ld",
            "Lincoln-Douglas",
            ("Aff", "Neg"),
            _each(
                ("Aff", "Neg"),
                ("AC", 6, 1),
                ("CX", 3, 0),
                ("NC", 7, 2),
                ("CX", 3, 0),
                ("1AR", 4, 1),
                ("NR", 6, 2),
                ("2AR", 3, 1),
            ),
            _m(4),
        ),
        Format(
            "pf",
            "Public forum",
            _PF,
            _each(
                _PF,
                ("Pro constructive", 4, 1),
                ("Con constructive", 4, 2),
                ("Crossfire", 3, 0),
                ("Pro rebuttal", 4, 1),
                ("Con rebuttal", 4, 2),
                ("Crossfire 2", 3, 0),
                ("Pro summary", 3, 1),
                ("Con summary", 3, 2),
                ("Grand crossfire", 3, 0),
                ("Pro final focus", 2, 1),
                ("Con final focus", 2, 2),
            ),
            _m(3),
        ),
        Format(
            "npda",
            "NPDA parliamentary",
            _GOV,
            _each(
                _GOV,
                ("PMC", 7, 1),
                ("LOC", 8, 2),
                ("MGC", 8, 1),
                ("MOC", 8, 2),
                ("LOR", 4, 2),
                ("PMR", 5, 1),
            ),
        ),
        Format(
            "ws",
            "World Schools",
            _WS,
            _each(
                _WS,
                ("Prop 1", 8, 1),
                ("Opp 1", 8, 2),
                ("Prop 2", 8, 1),
                ("Opp 2", 8, 2),
                ("Prop 3", 8, 1),
                ("Opp 3", 8, 2),
                ("Opp reply", 4, 2),
                ("Prop reply", 4, 1),
            ),
        ),
        Format(
            "bp",
            "British Parliamentary",
            ("Gov", "Opp"),
            _each(
                ("Gov", "Opp"),
                ("PM", 7, 1),
                ("LO", 7, 2),
                ("DPM", 7, 1),
                ("DLO", 7, 2),
                ("MG", 7, 1),
                ("MO", 7, 2),
                ("GW", 7, 1),
                ("OW", 7, 2),
            ),
        ),
    )
}


def config_path() -> Path:
    """The user's formats file: `workbook/formats.toml` in their config folder."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "workbook" / "formats.toml"


@dataclass
class Formats:
    """Every format: the built-in ones with the user's changes, and the user's own."""

    by_key: dict[str, Format] = field(default_factory=lambda: dict(BUILT_IN))

    def get(self, wanted: str) -> Format:
        found = self.by_key.get(wanted.lower()) or next(
            (f for f in self.by_key.values() if f.name.lower() == wanted.lower()), None
        )
        if found is None:
            raise WorkbookError(f"no format {wanted!r} (formats: {', '.join(self.by_key)})")
        return found


def load_formats(path: Path | None = None) -> Formats:
    """The built-in formats with the user's file applied; a missing file changes nothing."""
    path = path or config_path()
    if not path.is_file():
        return Formats()
    text = read_text(path)
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        from .store import _toml_error

        raise WorkbookError(_toml_error(str(error), text, path)) from None
    from pydantic import ValidationError

    from .format_file import FormatsFile

    try:
        parsed = FormatsFile.model_validate(data)
    except ValidationError as error:
        raise WorkbookError(_located(error, text, path)) from None
    formats = Formats()
    for key, entry in parsed.formats.items():
        base = formats.by_key.get(key)
        if base is None and not entry.speeches:
            where = _line_of(text, key)
            raise WorkbookError(f"{path}:{where}: formats.{key}: a new format lists its speeches")
        formats.by_key[key] = entry.apply(key, base)
    return formats


def _line_of(text: str, key: str, name: str = "") -> str:
    """`line:col` of the format's table (or of its field `name`), for an error message."""
    header = re.compile(rf"^\s*\[\s*formats\s*\.\s*[\"']?{re.escape(key)}[\"']?\s*\]")
    lines = text.split("\n")
    start = next((n for n, line in enumerate(lines) if header.match(line)), None)
    if start is None:
        return "1:1"
    if name:
        for number in range(start + 1, len(lines)):
            if lines[number].lstrip().startswith("["):
                break
            column = lines[number].find(name)
            if lines[number].lstrip().startswith(name):
                return f"{number + 1}:{column + 1}"
    return f"{start + 1}:1"


def _located(error: ValidationError, text: str, path: Path) -> str:
    from .store import describe

    loc = error.errors(include_url=False)[0]["loc"]
    where = "1:1"
    if len(loc) >= 2 and loc[0] == "formats":
        where = _line_of(text, str(loc[1]), str(loc[2]) if len(loc) > 2 else "")
    return f"{path}:{where}: {describe(error)}"


def clock(seconds: float) -> str:
    """Seconds as a clock shows them: 8:00, 0:05, 1:00:00."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def listing(formats: Formats) -> list[str]:
    """`workbook formats`: each format's key and name, then its speeches and prep on a line."""
    lines: list[str] = []
    for fmt in formats.by_key.values():
        prep = f"prep {clock(fmt.prep)} a side" if fmt.prep else "no prep in the round"
        lines.append(f"{fmt.key}: {fmt.name} ({prep}; {clock(fmt.total)} in all)")
        lines.append("  " + ", ".join(f"{s.name} {clock(s.seconds)}" for s in fmt.speeches))
    return lines


__all__ = ["BUILT_IN", "Format", "Formats", "Speech", "config_path", "listing", "load_formats"]
