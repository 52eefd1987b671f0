"""A modal form: labelled fields, a message beside each field that is refused, apply or cancel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from workbook.tui.widgets.key_bar import KeyBar
from workbook.tui.widgets.marked_text import MarkedTextArea

Values = dict[str, str]
# What a form refuses, field by field, the field to correct first coming first.
Checker = Callable[[Values], dict[str, str]]


@dataclass
class Field:
    name: str
    label: str
    # "marked": a card's text, its words shown marked and the marks set by keys.
    kind: Literal["line", "text", "marked", "choice"] = "line"
    value: str = ""
    choices: list[tuple[str, str]] = field(default_factory=list)
    placeholder: str = ""


class FieldInput(Input):
    def take_focus_as_typed(self) -> None:
        """Take the focus without selecting the field (a tab into it selects it): what is
        typed next goes where the cursor was, and replaces nothing."""
        self.select_on_focus = False
        self.screen.set_focus(self)

    def on_blur(self) -> None:
        self.select_on_focus = True


class FormScreen(ModalScreen[Values | None]):
    """Returns the values typed, or None when cancelled. What was typed survives a refusal."""

    DEFAULT_CSS = """
    FormScreen {
        align: center middle;
    }
    FormScreen #form {
        width: 90%;
        max-width: 110;
        height: 90%;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    FormScreen #form-title {
        width: 100%;
        text-style: bold;
        margin-bottom: 1;
    }
    FormScreen #form-note {
        color: $text-muted;
        margin-bottom: 1;
    }
    FormScreen #form-fields {
        height: 1fr;
    }
    FormScreen .row {
        height: auto;
    }
    FormScreen .field-label {
        width: 16;
        padding: 1 1 0 0;
    }
    FormScreen .row Input, FormScreen .row Select {
        width: 1fr;
    }
    FormScreen .row TextArea {
        width: 1fr;
        height: 6;
    }
    FormScreen .field-error {
        display: none;
        color: $error;
        padding-left: 16;
    }
    FormScreen .field-error.shown {
        display: block;
    }
    FormScreen #form-buttons {
        height: auto;
        align-horizontal: right;
    }
    FormScreen #form-help {
        width: 1fr;
        color: $text-muted;
        padding-top: 1;
    }
    FormScreen #form-help.refused {
        color: $text-error;
    }
    FormScreen #form-buttons Button {
        margin-left: 1;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Apply", priority=True),
        # Priority keys act as the app reads them, before the keys after them are handed to
        # the focused field: letters typed or pasted right after a tab go to the next field.
        # Enter in a one-line field is a tab too, but in the last field it applies: a form
        # applied on the first enter let the next words typed run as the main screen's keys.
        Binding("enter", "enter", "Next field", show=False, priority=True),
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
    ]

    def __init__(
        self, title: str, fields: list[Field], check: Checker, note: str = "", first: str = ""
    ) -> None:
        super().__init__()
        # The field the focus starts in: the first, unless the form knows better.
        self.first = first or fields[0].name
        self.form_title = title
        self.note = note  # a line or two under the title, to read before editing
        self.fields = fields
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(self.form_title, id="form-title", markup=False)
            if self.note:
                yield Static(self.note, id="form-note", markup=False)
            with VerticalScroll(id="form-fields"):
                for spec in self.fields:
                    with Horizontal(classes=f"row {spec.kind}"):
                        yield Label(spec.label, classes="field-label", markup=False)
                        yield self._widget(spec)
                    yield Static("", id=f"error-{spec.name}", classes="field-error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Static(self.help_line(), id="form-help", markup=False)
                yield Button("Apply (ctrl+s)", variant="primary", id="submit")
                yield Button("Cancel (esc)", id="cancel")
        if any(spec.kind == "marked" for spec in self.fields):
            # The keys that mark words, shown while the text they mark has the focus.
            yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(f"#field-{self.first}").focus()

    def help_line(self) -> str:
        """What enter does in this form: in a text of many lines it starts a new line."""
        if len(self.fields) == 1 and self.fields[0].kind == "line":
            return "enter or ctrl+s: apply"
        if self.fields[-1].kind == "line":
            return "enter: the next field; in the last, apply · ctrl+s: apply"
        return "enter: the next field (a new line in a text) · ctrl+s: apply"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Enter is the form's only in a one-line field: elsewhere it is the widget's own (a
        # new line in a text, a choice opened, a button pressed).
        return action != "enter" or isinstance(self.focused, FieldInput)

    def action_enter(self) -> None:
        if self.focused is self.query_one(f"#field-{self.fields[-1].name}"):
            self.action_submit()
        else:
            self.focus_next()

    def _widget(self, spec: Field) -> Input | TextArea | Select[str]:
        name = f"field-{spec.name}"
        if spec.kind in ("text", "marked"):
            kind = MarkedTextArea if spec.kind == "marked" else TextArea
            area = kind(spec.value, id=name, soft_wrap=True, show_line_numbers=False)
            area.tab_behavior = "focus"
            return area
        if spec.kind == "choice":
            return Select(spec.choices, value=spec.value, allow_blank=False, id=name)
        return FieldInput(spec.value, placeholder=spec.placeholder, id=name)

    def values(self) -> Values:
        values: Values = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, MarkedTextArea):
                values[spec.name] = widget.marked_text
            elif isinstance(widget, TextArea):
                values[spec.name] = widget.text
            elif isinstance(widget, Select):
                values[spec.name] = str(widget.value)
            else:
                assert isinstance(widget, Input)
                values[spec.name] = widget.value
        return values

    def action_submit(self) -> None:
        # ctrl+s is a priority key: it acts as soon as the app reads it, while the letters
        # typed just before it may still wait in this screen's queue and then the field's.
        # Apply once both have handled theirs, so the last letters typed are applied too.
        field = self.focused

        def after_the_field() -> None:
            if field is not None and field.is_attached:
                field.call_later(self.apply)
            else:
                self.apply()

        self.call_later(after_the_field)

    def apply(self) -> None:
        if not self.is_current:
            return  # applied or cancelled already, by a key that came first
        values = self.values()
        errors = self.check(values)
        for spec in self.fields:
            message = errors.get(spec.name, "")
            error = self.query_one(f"#error-{spec.name}", Static)
            error.update(message)
            error.set_class(bool(message), "shown")
        if errors:
            name = self.focus_refused(errors)
            # Said in the form's own line of help, not in a notice: a notice would stand over
            # the buttons of a form on a small terminal.
            label = next(spec.label for spec in self.fields if spec.name == name)
            help_line = self.query_one("#form-help", Static)
            help_line.update(f"Not applied: see the message under {label}.")
            help_line.add_class("refused")
            return
        self.dismiss(values)

    def focus_refused(self, errors: dict[str, str]) -> str:
        """The focus stays on a field refused, or goes to the one the check names first; the
        text typed there stays as it was, and nothing is selected, so that a correction typed
        next goes into that field and replaces nothing. Returns the field's name."""
        here = (self.focused.id or "") if self.focused else ""
        if here.removeprefix("field-") in errors:
            return here.removeprefix("field-")
        name = next(iter(errors))
        widget = self.query_one(f"#field-{name}")
        if isinstance(widget, FieldInput):
            widget.take_focus_as_typed()
        else:
            self.set_focus(widget)
        return name

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "submit":
            self.action_submit()
        else:
            self.action_cancel()


class ConfirmScreen(ModalScreen[str]):
    """A question with a few answers, each a button and a key: the first letter of its label,
    underlined. Returns the id of the answer chosen; escape chooses `escape`."""

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
    }
    ConfirmScreen #confirm {
        width: 70%;
        min-width: 50;
        max-width: 90;
        height: auto;
        border: thick $warning;
        background: $surface;
        padding: 1 2;
    }
    ConfirmScreen #confirm-question {
        width: 100%;
        margin-bottom: 1;
    }
    ConfirmScreen #confirm-buttons {
        height: auto;
    }
    ConfirmScreen #confirm-buttons Button {
        width: 100%;
        text-align: left;
        content-align: left middle;
        padding: 0 2;
    }
    ConfirmScreen #confirm-hint {
        width: 100%;
        margin-top: 1;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("up,left,shift+tab", "app.focus_previous", "Previous answer", show=False),
        Binding("down,right,tab", "app.focus_next", "Next answer", show=False),
    ]

    def __init__(
        self, question: str, answers: list[tuple[str, str]], escape: str = "cancel"
    ) -> None:
        super().__init__()
        self.question = question
        self.answers = answers
        self.escape = escape
        self.keys = {label[0].lower(): answer_id for answer_id, label in reversed(answers)}

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Label(self.question, id="confirm-question", markup=False)
            # One answer a line, the safe one first: a row of five long answers does not fit
            # a small terminal, and the order of safety reads from the top.
            with Vertical(id="confirm-buttons"):
                for answer_id, label in self.answers:
                    # The label as Content, its first letter underlined: an answer may be a
                    # user's words (a prepared point to pull), never read as markup.
                    shown = Content.assemble((label[:1], "underline"), label[1:])
                    yield Button(shown, id=answer_id, compact=True)
            letters = ", ".join(label[0] for _, label in self.answers)
            yield Label(
                f"Press {letters}, or ↑ ↓ then enter; escape: {self._escape_label()}.",
                id="confirm-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def _escape_label(self) -> str:
        return next((label for key, label in self.answers if key == self.escape), self.escape)

    def on_key(self, event: events.Key) -> None:
        if event.key == "escape":
            event.stop()
            self.dismiss(self.escape)
        elif event.character and event.character.lower() in self.keys:
            event.stop()
            self.dismiss(self.keys[event.character.lower()])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id or self.escape)


def ask(
    app: App[Any],
    question: str,
    choices: list[tuple[str, str]],
    then: Callable[[str], None],
    escape: str = "cancel",
) -> None:
    """A question whose first choice is the safe one: it has the focus, and enter takes it.
    Escape takes `escape`, which must be safe too."""

    def answer(choice: str | None) -> None:
        then(choice or escape)

    app.push_screen(ConfirmScreen(question, choices, escape=escape), answer)
