"""The forms of the workbook: a point, a card, a claim, a new claim, the motion and the sides;
and what each refuses."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from workbook.core.framing import Framing
from workbook.core.model import Card, Claim, Point, Side, Workbook, is_motion_only
from workbook.essay.quotes import essay_problem, essay_quote, locate_quote, quote_problem
from workbook.importing.importer import DEFAULT_SIDES
from workbook.tui.dialogs.form import Field, FormScreen, Values
from workbook.tui.glance import named

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
    title = f"{verb} for {workbook.sides[side].name} on {named(claim.tag or claim.quote, 80)}"

    def check(values: Values) -> dict[str, str]:
        errors: dict[str, str] = {}
        # As with a card: a point applied with no words is a slip of the keys, not a point.
        if not values["text"].strip():
            errors["text"] = "the point's words: what it says"
        if error := strength_error(values["strength"]):
            errors["strength"] = error
        return errors

    return FormScreen(title, fields, check)


def card_values(values: Values, card: Card | None) -> Card:
    """The card the form's values make, laid over `card` as it was: a field the form does not
    show (the source a card was cut from, its cutter's initials) is kept as it is."""
    typed = {k: v.strip() if k != "text" and k != "notes" else v for k, v in values.items()}
    kept = card.model_dump() if card is not None else {}
    return Card.model_validate({**kept, **typed})


def card_form(card: Card | None, title: str, note: str = "") -> FormScreen:
    card = card or Card()
    fields = [
        Field(name, label, value=getattr(card, name), placeholder=hint)
        for name, label, hint in CARD_FIELDS
    ]
    fields.append(Field("text", "Text", "marked", card.text))
    fields.append(Field("notes", "Notes", "text", card.notes))

    def check(values: Values) -> dict[str, str]:
        # A card applied with nothing in it is a slip of the keys, not an open slot: an open
        # slot still says, in its tag, what evidence it waits for.
        if not any(value.strip() for value in values.values()):
            return {"tag": "the card is empty: a tag at least, the evidence it waits for"}
        try:
            card_values(values, card)
        except ValidationError as error:
            return {str(e["loc"][0]): e["msg"] for e in error.errors(include_url=False)}
        return {}

    # A cut card's cite came with it from its source: what is left to do is to mark its words.
    first = "text" if card is not None and card.source else ""
    return FormScreen(title, fields, check, note, first)


def split_tags(text: str) -> list[str]:
    return [t.strip().lstrip("#") for t in text.split(",") if t.strip().lstrip("#")]


def holding(quote: str, paragraphs: list[str]) -> list[int]:
    """The numbers of the paragraphs in which the quote stands, as `locate_quote` finds it."""
    return [
        n for n, text in enumerate(paragraphs, start=1) if locate_quote(quote, text) is not None
    ]


def numbered(numbers: list[int], most: int = 6) -> str:
    """“paragraph 3”, “paragraphs 3 and 5”, “paragraphs 2, 3, 5, 6, 8, 10 and 4 more”."""
    if len(numbers) == 1:
        return f"paragraph {numbers[0]}"
    shown = [str(n) for n in numbers[:most]]
    last = f"{len(numbers) - most} more" if len(numbers) > most else shown.pop()
    return f"paragraphs {', '.join(shown)} and {last}"


def paragraph_errors(
    quote: str, typed: str, paragraphs: list[str] | None, count: int
) -> dict[str, str]:
    """What a claim form refuses of its quote and paragraph. A paragraph left empty is the one
    that holds the quote; a paragraph that does not hold it is refused, naming those that do.
    The field to correct comes first."""
    number = typed.strip()
    errors: dict[str, str] = {}
    if not quote.strip():
        errors["quote"] = "the essay's words, verbatim"
    if number and (not number.isdecimal() or not 1 <= int(number) <= count):
        errors["paragraph"] = f"a paragraph from 1 to {count}, or empty: the one with the quote"
    if errors:
        return errors
    if paragraphs is None:  # the essay is not at hand: its paragraphs cannot be looked in
        return {} if number else {"paragraph": f"a paragraph from 1 to {count}"}
    if number and locate_quote(quote, paragraphs[int(number) - 1]) is not None:
        return {}
    found = holding(quote, paragraphs)
    if number:
        problem = quote_problem(quote, paragraphs[int(number) - 1], int(number))
        if not found:
            return {"quote": problem}
        verb = "holds" if len(found) == 1 else "hold"
        return {
            "paragraph": f"{numbered(found)} {verb} the quote, not {number}: type it, or empty",
            "quote": problem,
        }
    if not found:
        return {"quote": essay_problem(quote, paragraphs)}
    if len(found) > 1:
        return {"paragraph": f"{numbered(found)} hold the quote: which one?"}
    return {}


def claim_form(
    workbook: Workbook,
    paragraphs: list[str] | None,
    claim: Claim | None,
    title: str,
    near: Claim | None = None,
) -> FormScreen:
    """A claim's every field: a new claim (`claim` None, placed near `near`) or a correction.
    A new claim's paragraph is left empty, to be found from its quote. A workbook of a motion
    alone has no essay: its claim is the team's own words, with no paragraph to ask."""
    sides = [(side.name, key) for key, side in workbook.sides.items()]
    start = claim or near
    count = workbook.essay.paragraphs if workbook.essay is not None else 0
    own_words = is_motion_only(workbook)
    where = [
        Field(
            "paragraph",
            "Paragraph",
            value=str(claim.paragraph or "") if claim else "",
            placeholder=f"1 to {count}; empty: the one with the quote",
        )
    ]
    fields = [
        Field("tag", "Tag", value=claim.tag if claim else "", placeholder="one line, in our words"),
        Field("quote", "Claim" if own_words else "Quote", "text", claim.quote if claim else ""),
        *([] if own_words else where),
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
        if own_words:
            return {} if values["quote"].strip() else {"quote": "the claim, in our words"}
        return paragraph_errors(values["quote"], values["paragraph"], paragraphs, count)

    return FormScreen(title, fields, check)


def claim_from(
    values: Values, paragraphs: list[str] | None, points: dict[str, Point] | None = None
) -> Claim:
    """The claim a filled claim form describes, keeping the points it had. A quote typed with
    straight quotes, other dashes or spacing is stored as the essay's own characters; a
    paragraph left empty is the one paragraph that holds the quote (the form checked it)."""
    typed = values.get("paragraph", "").strip()
    quote = values["quote"].strip()
    if "paragraph" not in values:  # a motion alone: the team's own words, no paragraph
        number = None
    else:
        number = int(typed) if typed else holding(quote, paragraphs or [])[0]
    if paragraphs and number is not None and number <= len(paragraphs):
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


FRAMING_TITLE = "The motion and the sides"


def framing_form(
    workbook: Workbook,
    title: str = FRAMING_TITLE,
    formats: Sequence[tuple[str, str]] = (),
    default_format: str = "",
) -> FormScreen:
    """The motion, and each side's name and what it argues: asked when a new workbook first
    opens (`WHO_ARGUES_WHAT`), and at any time from the main screen. A name left as `workbook
    new` gave it is a placeholder, so typing replaces it; a name left empty keeps it.

    `formats`, (name, key) pairs, are the debate formats to choose from, the one place the app
    changes the workbook's; `default_format` is the key a workbook that names none is timed in."""
    placeholders = {name for _, name in DEFAULT_SIDES}
    fields = [Field("motion", "Motion", "text", workbook.motion)]
    if formats:
        current = workbook.debate_format or default_format
        choices = list(formats)
        if current not in (key for _, key in choices):  # not among the user's formats now
            choices.append((f"{current} (no such format)", current))
        fields.append(Field("format", "Format", "choice", current, choices))
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


def framing_from(workbook: Workbook, values: Values, default_format: str = "") -> Framing:
    """The motion, the sides and the format a filled framing form names, under the workbook's
    own keys; an empty name keeps the side's name as it was."""
    sides = {
        key: Side(
            name=values[f"side{n}"].strip() or side.name,
            thesis=values[f"thesis{n}"].strip(),
        )
        for n, (key, side) in enumerate(workbook.sides.items(), start=1)
    }
    chosen = values.get("format") or workbook.debate_format
    if workbook.debate_format is None and chosen == default_format:
        chosen = None  # the default left as it was: the file stays as it was
    return Framing(values["motion"].strip(), sides, chosen)


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
