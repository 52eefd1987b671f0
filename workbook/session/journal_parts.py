"""What a journal holds beside the claims and the cards, as its TOML writes it and read back
under the models' rules: the motion and the sides, and the essay's fields and text."""

from __future__ import annotations

from typing import Any

from workbook.core.essay_edits import EssayState
from workbook.core.fields import ID_PATTERN
from workbook.core.framing import Framing
from workbook.core.model import Essay, Side


def framing_data(framing: Framing) -> dict[str, Any]:
    sides = {key: side.model_dump(mode="python") for key, side in framing.sides.items()}
    data: dict[str, Any] = {"motion": framing.motion, "sides": sides}
    if framing.debate_format is not None:  # absent from journals written before it was kept
        data["debate_format"] = framing.debate_format
    return data


def framing_of_data(data: dict[str, Any]) -> Framing:
    sides = {str(key): Side.model_validate(side) for key, side in data["sides"].items()}
    debate_format = data.get("debate_format")
    if debate_format is not None and not ID_PATTERN.fullmatch(str(debate_format)):
        raise ValueError(f"debate_format {debate_format!r} is no format's key")
    return Framing(str(data["motion"]), sides, debate_format)


def essay_data(essay: EssayState, same_text: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "paragraphs": essay.paragraphs,
        "headings": list(essay.headings),
        "dismissed": list(essay.dismissed),
    }
    if essay.text is not None and not same_text:
        data["text"] = list(essay.text)
    return data


def essay_of(data: dict[str, Any]) -> EssayState:
    # Held to the model's rules: the journal is read back into a workbook.
    fields = {key: data[key] for key in ("paragraphs", "headings", "dismissed")}
    essay = Essay.model_validate(fields)
    text = data.get("text")
    if text is not None and (
        not isinstance(text, list)
        or len(text) != essay.paragraphs
        or not all(isinstance(line, str) and line and "\n" not in line for line in text)
    ):
        raise ValueError("the essay's text is not one line for each of its paragraphs")
    return EssayState(
        essay.paragraphs,
        tuple(essay.headings),
        tuple(essay.dismissed),
        None if text is None else tuple(text),
    )
