"""Suggested claims measured on annotated corpora that are not ours, read from outside the project.

    python -m tests.claim_corpora [--microtexts DIR]... [--essays FILE]... [--editorials DIR]...
    python -m tests.benchmark --only claims [same options]

The corpora are never part of the project: their licences allow measuring, not shipping. Each is
read where it lies, from a path given here, and nothing read from one (words, weights,
thresholds) is written into the package.

- Microtexts (arg-microtexts, parts 1 and 2, CC BY-NC-SA 4.0): short argumentative texts, each
  with its argument graph (`*.xml` beside `*.txt`). The central claim is the argumentative unit
  that supports, attacks or undercuts nothing. A text whose central claim is implicit (written
  in by the annotators, not by the author) is left out: no sentence of the author's could be it.
  Measured: the share of texts whose top suggestion is the central claim, beside two rankings
  that know nothing, "always the first sentence" and "always the last".
- Persuasive essays (Stab and Gurevych's argument annotated essays, in the token-per-line form
  of UKPLab/coling2018-xling_argument_mining, `data/AllData/Orig/*_PE.en`): each essay a title
  and paragraphs, its major claims and claims marked. Measured: the share of an essay's k
  claims held in its top k, and how often the top suggestion is a major claim.

- Editorials (Webis editorials, as in webis-de/COLING-20's `data-source`): each a JSON file of
  paragraphs of segments labelled as the author's claim ("assumption") or as an anecdote,
  testimony, statistics or common ground. Measured: the share of the top ten suggestions that
  are the author's claims.

A claim is found by a suggestion as tests/test_suggest.py finds one: in the claim's paragraph,
sharing at least half of the claim's characters.
"""

from __future__ import annotations

import argparse
import json
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbook.essay.sentences import sentence_spans
from workbook.essay.suggest import suggest

Span = tuple[int, int, int]  # paragraph (from 1), start, end

# The corpora beside the repository, shared by whoever works on it, when they are there.
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"
MICROTEXTS_PART2 = SHARED / "arg-microtexts-part2" / "corpus"

# What an argument graph's edges do: these point from an argumentative unit to what it argues
# about ("add" joins a unit to another's support); "seg" ties a unit of the text to its
# argumentative unit.
ARGUING = {"sup", "exa", "reb", "und", "att", "add"}


@dataclass(frozen=True)
class Annotated:
    """A text as the ranking reads it, with the spans its annotation marks."""

    name: str
    paragraphs: list[str]
    title: str
    claims: list[Span]  # for a microtext, its central claim alone
    major: list[Span]  # the claims a top suggestion should be: the central or major claims


def finds(found: tuple[int, int, int], claim: Span) -> bool:
    paragraph, start, end = claim
    shared = min(found[2], end) - max(found[1], start)
    return found[0] == paragraph and shared >= (end - start) / 2


# --- microtexts -------------------------------------------------------------------------------


def microtexts(folder: Path) -> tuple[list[Annotated], int]:
    """The texts of a microtext corpus whose central claim the author wrote, and how many were
    left out for an implicit one."""
    texts, implicit = [], 0
    for graph in sorted(folder.glob("*.xml")):
        text = graph.with_suffix(".txt").read_text(encoding="utf-8").strip()
        text = " ".join(text.split())
        root = ElementTree.parse(graph).getroot()
        units = {edu.get("id"): edu for edu in root.iter("edu")}
        arguing = {e.get("src") for e in root.iter("edge") if e.get("type") in ARGUING}
        central = [a.get("id") for a in root.iter("adu") if a.get("id") not in arguing]
        spoken = [
            units[e.get("src")]
            for e in root.iter("edge")
            if e.get("type") == "seg" and e.get("trg") in central
        ]
        if len(central) != 1 or not spoken:
            raise ValueError(f"{graph}: not one central claim")
        # A central claim may be stated twice (at the start and again at the end): either is it.
        stated = [unit for unit in spoken if unit.get("implicit") != "true"]
        if not stated:
            implicit += 1
            continue
        spans = []
        for unit in stated:
            claim = " ".join((unit.text or "").split())
            start = text.find(claim)
            if start < 0:
                raise ValueError(f"{graph}: its central claim is not in its text")
            spans.append((1, start, start + len(claim)))
        texts.append(Annotated(graph.stem, [text], "", spans, spans))
    return texts, implicit


# --- persuasive essays ------------------------------------------------------------------------

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "%", "n't", "'s", "'", "’", "”"}
NO_SPACE_AFTER = {"(", "[", "$", "“"}


def persuasive_essays(path: Path) -> list[Annotated]:
    """The essays of a token-per-line file: a blank line ends a paragraph, two end an essay,
    an essay's first paragraph is its title. Each token is `word_en<TAB>label`, the label
    `O`, or `B-`/`I-` and MajorClaim, Claim or Premise."""
    essays: list[Annotated] = []
    essay: list[list[tuple[str, str]]] = []
    block: list[tuple[str, str]] = []
    blank = 0
    for line in [*path.read_text(encoding="utf-8").splitlines(), "", ""]:
        if line.strip():
            if blank >= 2 and essay:
                essays.append(_essay(f"{path.stem}-{len(essays) + 1}", essay))
                essay = []
            block.append(_token(line))
            blank = 0
            continue
        blank += 1
        if block:
            essay.append(block)
            block = []
    if essay:
        essays.append(_essay(f"{path.stem}-{len(essays) + 1}", essay))
    return essays


def _token(line: str) -> tuple[str, str]:
    word, _, label = line.rpartition("\t")
    return word.removesuffix("_en"), label


def _essay(name: str, blocks: list[list[tuple[str, str]]]) -> Annotated:
    title, *body = blocks
    paragraphs, claims, major = [], [], []
    for number, tokens in enumerate(body, 1):
        text, runs = _detokenized(tokens)
        paragraphs.append(text)
        for kind, start, end in runs:
            if kind in ("MajorClaim", "Claim"):
                claims.append((number, start, end))
            if kind == "MajorClaim":
                major.append((number, start, end))
    return Annotated(name, paragraphs, _detokenized(title)[0], claims, major)


def _detokenized(tokens: list[tuple[str, str]]) -> tuple[str, list[tuple[str, int, int]]]:
    """The tokens written back as text, and the (label, start, end) of each labelled run."""
    text = ""
    runs: list[tuple[str, int, int]] = []
    before = ""
    for word, label in tokens:
        if text and word not in NO_SPACE_BEFORE and before not in NO_SPACE_AFTER:
            text += " "
        if label.startswith("B-"):
            runs.append((label[2:], len(text), len(text)))
        text += word
        if label.startswith(("B-", "I-")) and runs:
            kind, start, _ = runs[-1]
            runs[-1] = (kind, start, len(text))
        before = word
    return text, runs


# --- editorials -------------------------------------------------------------------------------


def editorials(folder: Path) -> list[Annotated]:
    """The editorials of a folder of JSON files (and its folders), each a list of paragraphs of
    segments with their labels: "title", "assumption" (the author's own claims), "anecdote",
    "testimony", "statistics", "common-ground", "other", or "no-unit"."""
    texts = []
    for path in sorted(folder.rglob("*.json")):
        title, paragraphs, claims = "", [], []
        for segments in json.loads(path.read_text(encoding="utf-8"))["paragraphs"]:
            if all(segment["label"] == "title" for segment in segments):
                title = " ".join(segment["text"] for segment in segments)
                continue
            text = ""
            for segment in segments:
                words = segment["text"].strip()
                if text and words and (words[0].isalnum() or words[0] in '"“‘('):
                    text += " "
                if segment["label"] == "assumption":
                    claims.append((len(paragraphs) + 1, len(text), len(text) + len(words)))
                text += words
            paragraphs.append(text)
        texts.append(Annotated(f"{path.parent.name}/{path.stem}", paragraphs, title, claims, []))
    return texts


def is_a_claim(found: tuple[int, int, int], text: Annotated) -> bool:
    """Whether at least half of a sentence is one of the text's claims."""
    number, start, end = found
    return any(
        paragraph == number and min(end, stop) - max(start, begin) >= (end - start) / 2
        for paragraph, begin, stop in text.claims
    )


# --- measures ---------------------------------------------------------------------------------

Ranking = Callable[[Annotated], list[tuple[int, int, int]]]


def ranked(text: Annotated) -> list[tuple[int, int, int]]:
    return [(s.paragraph, s.start, s.end) for s in suggest(text.paragraphs, title=text.title)]


def _sentences(text: Annotated) -> list[tuple[int, int, int]]:
    return [
        (number, start, end)
        for number, paragraph in enumerate(text.paragraphs, 1)
        for start, end in sentence_spans(paragraph)
    ]


def first_sentence(text: Annotated) -> list[tuple[int, int, int]]:
    return _sentences(text)


def last_sentence(text: Annotated) -> list[tuple[int, int, int]]:
    return _sentences(text)[::-1]


RANKINGS: dict[str, Ranking] = {
    "suggested": ranked,
    "always the first sentence": first_sentence,
    "always the last sentence": last_sentence,
}


def top_one(texts: Sequence[Annotated], ranking: Ranking) -> float:
    """The share of texts whose first ranked sentence is a central (or major) claim."""
    hits = 0
    for text in texts:
        order = ranking(text)
        hits += bool(order) and any(finds(order[0], claim) for claim in text.major)
    return hits / len(texts) if texts else 0.0


def top_k(texts: Sequence[Annotated], ranking: Ranking) -> float:
    """The share of all claims found in the top k of their text, k its number of claims."""
    found = total = 0
    for text in texts:
        order = ranking(text)[: len(text.claims)]
        found += sum(any(finds(s, claim) for s in order) for claim in text.claims)
        total += len(text.claims)
    return found / total if total else 0.0


def top_ten_claims(texts: Sequence[Annotated], ranking: Ranking) -> float:
    """The share of the first ten ranked sentences of each text that are claims."""
    hits = total = 0
    for text in texts:
        order = ranking(text)[:10]
        hits += sum(is_a_claim(found, text) for found in order)
        total += len(order)
    return hits / total if total else 0.0


def rows(name: str, texts: Sequence[Annotated], kind: str) -> Iterator[str]:
    """A Markdown table's rows: each ranking's figures on one corpus of a kind ("microtexts",
    "essays" or "editorials")."""
    for label, ranking in RANKINGS.items():
        one = f"{top_one(texts, ranking):.1%}" if kind != "editorials" else ""
        k = f"{top_k(texts, ranking):.1%}" if kind == "essays" else ""
        ten = f"{top_ten_claims(texts, ranking):.1%}" if kind == "editorials" else ""
        yield f"| {name} | {label} | {one} | {k} | {ten} |"


def report(
    microtext_folders: Sequence[Path],
    essay_files: Sequence[Path],
    editorial_folders: Sequence[Path] = (),
) -> str:
    lines = [
        "| corpus | ranking | top 1 is the central claim | top k hold the k claims "
        "| top 10 are the author's claims |",
        "| --- | --- | --- | --- | --- |",
    ]
    for folder in microtext_folders:
        texts, implicit = microtexts(folder)
        name = f"{folder.parent.name}/{folder.name}: {len(texts)} texts ({implicit} implicit out)"
        lines += rows(name, texts, "microtexts")
    for path in essay_files:
        essays = persuasive_essays(path)
        claims = sum(len(e.claims) for e in essays)
        lines += rows(f"{path.name}: {len(essays)} essays, {claims} claims", essays, "essays")
    for folder in editorial_folders:
        texts = editorials(folder)
        sentences = [found for text in texts for found in first_sentence(text)]
        chance = sum(
            is_a_claim(found, text) for text in texts for found in first_sentence(text)
        ) / max(1, len(sentences))
        name = f"{folder.name}: {len(texts)} editorials, {chance:.1%} of sentences claims"
        lines += rows(name, texts, "editorials")
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options that name the corpora to measure on."""
    parser.add_argument(
        "--microtexts",
        type=Path,
        action="append",
        metavar="DIR",
        help="a folder of microtexts (*.txt and *.xml); default: arg-microtexts part 2 in "
        "the shared corpora beside the repository, when it is there",
    )
    parser.add_argument(
        "--essays",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="a file of persuasive essays, a token and its label a line",
    )
    parser.add_argument(
        "--editorials",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="a folder of editorials, each a JSON file of labelled segments",
    )


def corpora(args: argparse.Namespace) -> tuple[list[Path], list[Path], list[Path]]:
    """The folders of microtexts, the files of essays and the folders of editorials the
    options name."""
    folders = args.microtexts or ([MICROTEXTS_PART2] if MICROTEXTS_PART2.is_dir() else [])
    return folders, args.essays, args.editorials


def main(arguments: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.claim_corpora")
    add_arguments(parser)
    print(report(*corpora(parser.parse_args(arguments))))


if __name__ == "__main__":
    main()
