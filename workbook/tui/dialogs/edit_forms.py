"""The forms of the workbook: a point, a card, a claim, a new claim, the motion and the sides;
and what each refuses."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from workbook.core.framing import Framing
from workbook.core.model import Card, Claim, Point, Side, Workbook
from workbook.essay.quotes import essay_quote, quote_problem
from workbook.importing.importer import DEFAULT_SIDES
from workbook.tui.dialogs.form import Field, FormScreen, Values

CARD_FIELDS = [
    ("tag", "Tag", "what the card proves"),
    ("author", "Author", "full name; the short cite uses the last"),
    ("qualifications", "Qualifications", "why this author is worth hearing"),
    ("date", "Date", "YYYY, YYYY-MM or YYYY-MM-DD"),
    ("title", "Title", ""),
    ("publication", "Publication", ""),
    ("url", "URL", "https://"),
    ("accessed", "Accessed", "YYYY-MM-DD"),
    ("pages", "Pages", ""),
]


def strength_error(value: str) -> str:
    if value.strip() and value.strip() not in {"1", "2", "3", "4", "5"}:
        return "a whole number from 1 to 5, or empty"
    return ""


def strength_value(text: str) -> int | None:
    return int(text) if text.strip() else None


def point_form(
    workbook: Workbook, claim: Claim, side: str, point_id: str | None, answers: str = ""
) -> FormScreen:
    point = claim.points[point_id] if point_id else None
    other = workbook.other_side(side)
    own = "supports the claim" if side == claim.side else "counters the claim"
    choices = [(f"nothing: it {own}", "")]
    for pid, p in claim.points.items():
        if p.side == other:
            first_words = p.text[:50] + ("…" if len(p.text) > 50 else "")
            choices.append((f"{pid}: {first_words}", pid))
    strength = point.strength if point else None
    fields = [
        Field("text", "Point", "text", point.text if point else ""),
        Field("answers", "Answers", "choice", point.answers if point else answers, choices),
        Field(
            "strength",
            "Strength",
            value="" if strength is None else str(strength),
            placeholder="1 to 5, or empty",
        ),
    ]
    verb = f"Edit {point_id}" if point_id else "New point"
    title = f"{verb} for {workbook.sides[side].name} on “{claim.tag}”"

    def check(values: Values) -> dict[str, str]:
        error = strength_error(values["strength"])
        return {"strength": error} if error else {}

    return FormScreen(title, fields, check)


def card_values(values: Values) -> Card:
    return Card.model_validate(
        {k: v.strip() if k != "text" and k != "notes" else v for k, v in values.items()}
    )


def card_form(card: Card | None, title: str, note: str = "") -> FormScreen:
    card = card or Card()
    fields = [
        Field(name, label, value=getattr(card, name), placeholder=hint)
        for name, label, hint in CARD_FIELDS
    ]
    fields.append(Field("text", "Text", "text", card.text))
    fields.append(Field("notes", "Notes", "text", card.notes))

    def check(values: Values) -> dict[str, str]:
        try:
            card_values(values)
        except ValidationError as error:
            return {str(e["loc"][0]): e["msg"] for e in error.errors(include_url=False)}
        return {}

    return FormScreen(title, fields, check, note)


def split_tags(text: str) -> list[str]:
    return [t.strip().lstrip("#") for t in text.split(",") if t.strip().lstrip("#")]


def claim_form(
    workbook: Workbook,
    paragraphs: list[str] | None,
    claim: Claim | None,
    title: str,
    near: Claim | None = None,
) -> FormScreen:
    """A claim's every field: a new claim (`claim` None, placed near `near`) or a correction."""
    sides = [(side.name, key) for key, side in workbook.sides.items()]
    start = claim or near
    paragraph = str(start.paragraph) if start else "1"
    fields = [
        Field("tag", "Tag", value=claim.tag if claim else "", placeholder="one line, in our words"),
        Field("quote", "Quote", "text", claim.quote if claim else ""),
        Field(
            "paragraph",
            "Paragraph",
            value=paragraph,
            placeholder=f"1 to {workbook.essay.paragraphs}",
        ),
        Field("section", "Section", value=start.section if start else ""),
        Field("side", "Made by", "choice", start.side if start else sides[0][1], sides),
        Field(
            "tags",
            "Tags",
            value=", ".join(claim.tags) if claim else "",
            placeholder="comma, separated",
        ),
        Field("notes", "Notes", "text", claim.notes if claim else ""),
    ]

    def check(values: Values) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not values["quote"].strip():
            errors["quote"] = "the essay's words, verbatim"
        number = values["paragraph"].strip()
        if not number.isdigit() or not 1 <= int(number) <= workbook.essay.paragraphs:
            errors["paragraph"] = f"a paragraph from 1 to {workbook.essay.paragraphs}"
        elif paragraphs and "quote" not in errors:
            problem = quote_problem(values["quote"], paragraphs[int(number) - 1], int(number))
            if problem:
                errors["quote"] = problem
        return errors

    return FormScreen(title, fields, check)


def claim_from(
    values: Values, paragraphs: list[str] | None, points: dict[str, Point] | None = None
) -> Claim:
    """The claim a filled claim form describes, keeping the points it had. A quote typed with
    straight quotes, other dashes or spacing is stored as the essay's own characters."""
    number = int(values["paragraph"])
    quote = values["quote"].strip()
    if paragraphs and number <= len(paragraphs):
        quote = essay_quote(quote, paragraphs[number - 1]) or quote
    return Claim(
        section=values["section"].strip(),
        paragraph=number,
        side=values["side"],
        tag=values["tag"].strip(),
        quote=quote,
        tags=split_tags(values["tags"]),
        notes=values["notes"],
        points=points or {},
    )


WHO_ARGUES_WHAT = "Who argues what? Side 1 is the essay's author's view; name both sides."


def framing_form(workbook: Workbook, title: str = "The motion and the sides") -> FormScreen:
    """The motion, and each side's name and what it argues: asked when a new workbook first
    opens (`WHO_ARGUES_WHAT`), and at any time from the main screen. A name left as `workbook
    new` gave it is a placeholder, so typing replaces it; a name left empty keeps it."""
    placeholders = {name for _, name in DEFAULT_SIDES}
    fields = [Field("motion", "Motion", "text", workbook.motion)]
    for number, side in enumerate(workbook.sides.values(), start=1):
        default = side.name in placeholders
        value, hint = ("", side.name) if default else (side.name, "")
        fields.append(Field(f"side{number}", f"Side {number}", value=value, placeholder=hint))
        fields.append(Field(f"thesis{number}", "It argues", "text", side.thesis))

    def check(values: Values) -> dict[str, str]:
        first, second = (side.name for side in framing_from(workbook, values).sides.values())
        if first.lower() == second.lower():
            return {"side2": "the two sides need different names"}
        return {}

    return FormScreen(title, fields, check)


def framing_from(workbook: Workbook, values: Values) -> Framing:
    """The motion and the sides a filled framing form names, under the workbook's own keys;
    an empty name keeps the side's name as it was."""
    sides = {
        key: Side(
            name=values[f"side{n}"].strip() or side.name,
            thesis=values[f"thesis{n}"].strip(),
        )
        for n, (key, side) in enumerate(workbook.sides.items(), start=1)
    }
    return Framing(values["motion"].strip(), sides)


def save_as_form(path: Path) -> FormScreen:
    suggestion = path.with_name(f"{path.stem}-copy{path.suffix}")

    def check(values: Values) -> dict[str, str]:
        target = chosen_path(values)
        if not values["path"].strip():
            return {"path": "a file name"}
        if target.is_dir():
            return {"path": "is a folder; name a file in it"}
        if not target.parent.is_dir():
            return {"path": f"no such folder: {target.parent}"}
        return {}

    return FormScreen("Save as", [Field("path", "File", value=str(suggestion))], check)


def chosen_path(values: Values) -> Path:
    return Path(values["path"].strip()).expanduser()
