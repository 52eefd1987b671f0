"""Debate formats: the speeches of a round in order, each with its length, and each side's prep.

The formats debaters meet most are built in; a user keeps changes and formats of their own in
a small TOML file in their config folder (`formats.toml`, read by `format_file`), which
overrides a built-in format field by field or adds one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbook.storage.files import WorkbookError

DEFAULT_MARKS = (60, 30)  # seconds left at which the timer changes colour and rings
DEFAULT_FORMAT = "policy-hs"  # what a workbook that names no format prepares for


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
    # Seconds of prep between the motion's announcement and the first speech: limited-prep
    # formats (BP, NPDA, impromptu World Schools) have it; a prepared format has none (0).
    prep_before: int = 0

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
_WORLD_SCHOOLS = _each(
    _WS,
    ("Prop 1", 8, 1),
    ("Opp 1", 8, 2),
    ("Prop 2", 8, 1),
    ("Opp 2", 8, 2),
    ("Prop 3", 8, 1),
    ("Opp 3", 8, 2),
    ("Opp reply", 4, 2),
    ("Prop reply", 4, 1),
)

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
            prep_before=_m(20),
        ),
        Format("ws", "World Schools", _WS, _WORLD_SCHOOLS),
        # An impromptu motion is announced an hour before the round.
        Format(
            "ws-impromptu",
            "World Schools (impromptu)",
            _WS,
            _WORLD_SCHOOLS,
            prep_before=_m(60),
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
            prep_before=_m(15),
        ),
    )
}


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


def format_of(formats: Formats, debate_format: str | None) -> Format:
    """The format a workbook prepares for: its `debate_format`, or the default. The model checks
    only the key's shape; that the format exists is known only here, with the user's formats
    loaded, so a key that is not among them is told in one line naming the field."""
    key = debate_format or DEFAULT_FORMAT
    found = formats.by_key.get(key)
    if found is None:
        known = ", ".join(formats.by_key)
        raise WorkbookError(f"debate_format: no format {key!r} (formats: {known})")
    return found


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
        if fmt.prep_before:
            prep += f"; {clock(fmt.prep_before)} prep before the round"
        lines.append(f"{fmt.key}: {fmt.name} ({prep}; {clock(fmt.total)} in all)")
        lines.append("  " + ", ".join(f"{s.name} {clock(s.seconds)}" for s in fmt.speeches))
    return lines


__all__ = ["BUILT_IN", "DEFAULT_FORMAT", "Format", "Formats", "Speech", "format_of", "listing"]
