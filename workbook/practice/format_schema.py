"""What the user's `formats.toml` may hold, as pydantic models (read by `format_file`).

[formats.ld]            # a built-in key: only the fields given change
prep = 5                # minutes a side
prep_before = 30        # minutes before the first speech, once the motion is out
marks = [60, 30, 10]    # seconds left when the timer rings

[formats.novice-ld]     # a new format lists its speeches
name = "Novice LD"
sides = ["Aff", "Neg"]
speeches = [{ name = "AC", minutes = 5, side = "Aff" }, { name = "CX", minutes = 3 }]
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from pydantic import Field

from workbook.core.evidence import StrictModel
from workbook.core.fields import Id, Line
from workbook.practice.formats import DEFAULT_MARKS, Format, Speech

Minutes = Annotated[float, Field(gt=0, le=600)]


class SpeechEntry(StrictModel):
    name: Line = Field(min_length=1)
    minutes: Minutes
    side: Line = ""


class FormatEntry(StrictModel):
    name: Line = ""
    sides: Annotated[list[Line], Field(min_length=2, max_length=2)] | None = None
    prep: Annotated[float, Field(ge=0, le=600)] | None = None
    prep_before: Annotated[float, Field(ge=0, le=600)] | None = None
    marks: list[Annotated[int, Field(ge=1, le=36000)]] | None = None
    speeches: list[SpeechEntry] = []

    def apply(self, key: str, base: Format | None) -> Format:
        """This entry over the built-in format `base`, or as a format of its own."""
        speeches = tuple(Speech(s.name, round(s.minutes * 60), s.side) for s in self.speeches)
        sides = (self.sides[0], self.sides[1]) if self.sides else None
        if base is None:
            return Format(
                key,
                self.name or key,
                sides or ("Aff", "Neg"),
                speeches,
                round((self.prep or 0) * 60),
                tuple(self.marks) if self.marks is not None else DEFAULT_MARKS,
                round((self.prep_before or 0) * 60),
            )
        return replace(
            base,
            name=self.name or base.name,
            sides=sides or base.sides,
            speeches=speeches or base.speeches,
            prep=base.prep if self.prep is None else round(self.prep * 60),
            marks=base.marks if self.marks is None else tuple(self.marks),
            prep_before=(
                base.prep_before if self.prep_before is None else round(self.prep_before * 60)
            ),
        )


class FormatsFile(StrictModel):
    formats: dict[Id, FormatEntry] = {}
