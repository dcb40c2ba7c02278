"""Web-page chrome in text dumps of pages: which lines are not the article, by the cues of boilerplate.yaml.

A text file copied from a web page keeps what the page showed around the article: share buttons, cookie and
newsletter prompts, breadcrumbs, teasers of other articles, reader comments. Each cue of the data file names
one kind of chrome; ``find_boilerplate`` says which lines a cue drops and why, ``strip_boilerplate`` drops
them. Besides the cues, two structural rules: a line repeating an earlier one (a headline or photo caption
shown twice) is dropped, and a few short lines inside a box (between two lines of a newsletter prompt) too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from watchkeeper.errors import InputFileError

CUE_FILE = "evidence/boilerplate.yaml"
CueKind = Literal["line", "labelled", "suffix", "teasers", "tail"]
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SENTENCE_END = re.compile(r"[.!?。！？][\"”’)]?$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Limits(_Strict):
    """How long body text is, and how much of a text a comments heading may cut (see the data file)."""

    teaser_words: int
    tail_body_share: float
    between_chrome: int
    short_words: int


class Cue(_Strict):
    """One kind of chrome: what it is, how it acts on a line, and the patterns that find it."""

    id: str
    kind: CueKind
    why: str
    max_words: int
    patterns: list[str]
    box: bool = False

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"pattern {pattern!r} is not a regular expression: {exc}") from exc
        return patterns


class CueFile(_Strict):
    """The whole data file."""

    version: int
    limits: Limits
    popup_classes: list[str]
    popup_class_exclusions: list[str]
    cues: list[Cue]


@dataclass(frozen=True)
class CompiledCue:
    """A cue with its patterns compiled into one expression."""

    id: str
    kind: CueKind
    max_words: int
    pattern: re.Pattern[str]
    box: bool = False


@dataclass(frozen=True)
class Cues:
    """The cues of the data file, ready to match, with its limits."""

    limits: Limits
    cues: tuple[CompiledCue, ...]
    popup_classes: tuple[str, ...] = ()
    popup_class_exclusions: tuple[str, ...] = ()

    def is_popup_class(self, name: str) -> bool:
        """Whether a class name marks a pop-up (and not the element that opens one)."""
        name = name.lower()
        return any(w in name for w in self.popup_classes) and not any(
            x in name for x in self.popup_class_exclusions
        )


def parse_cues(data: Any, where: str = CUE_FILE) -> Cues:
    """Validate and compile a cue file's content; a mistake names the field it is in."""
    try:
        parsed = CueFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputFileError(where, first["msg"], field=".".join(str(p) for p in first["loc"])) from exc
    compiled = []
    for cue in parsed.cues:
        body = "|".join(f"(?:{p})" for p in cue.patterns)
        if cue.kind in ("line", "teasers", "tail"):
            body = f"(?:{body})"  # matched with fullmatch
        pattern = re.compile(body, re.IGNORECASE)
        compiled.append(CompiledCue(cue.id, cue.kind, cue.max_words, pattern, cue.box))
    return Cues(
        parsed.limits,
        tuple(compiled),
        tuple(c.lower() for c in parsed.popup_classes),
        tuple(c.lower() for c in parsed.popup_class_exclusions),
    )


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The packaged cue list (read once)."""
    text = (resources.files("watchkeeper.data") / CUE_FILE).read_text(encoding="utf-8")
    return parse_cues(yaml.safe_load(text))


def words(line: str) -> int:
    """Words in a line; in Chinese, Japanese and Korean script two characters count as one word."""
    cjk = len(_CJK.findall(line))
    return len(_CJK.sub(" ", line).split()) + (cjk + 1) // 2


def _line_cue(cue: CompiledCue, line: str, size: int) -> bool:
    if size > cue.max_words:
        return False
    if cue.kind == "labelled":
        return cue.pattern.match(line) is not None
    return cue.pattern.fullmatch(line.strip(" :：|»›>-–—·•")) is not None


def _body_like(line: str, limits: Limits) -> bool:
    size = words(line)
    return size >= limits.teaser_words or (size >= limits.short_words and bool(_SENTENCE_END.search(line)))


def find_boilerplate(lines: list[str], cues: Cues | None = None) -> dict[int, str]:
    """The lines (by index) that are chrome, each with the id of the cue or rule that says so."""
    cues = cues or load_cues()
    limits = cues.limits
    flat = [" ".join(line.split()) for line in lines]
    sizes = [words(line) for line in flat]
    total = sum(sizes) or 1
    dropped: dict[int, str] = {}
    index = 0
    while index < len(flat):
        line, size = flat[index], sizes[index]
        cue = next(
            (c for c in cues.cues if c.kind != "suffix" and line and _line_cue(c, line, size)),
            None,
        )
        if cue is None:
            index += 1
            continue
        dropped[index] = cue.id
        if cue.kind == "tail" and sum(sizes[:index]) >= limits.tail_body_share * total:
            dropped.update({i: cue.id for i in range(index + 1, len(flat))})
            break
        if cue.kind == "teasers":
            while index + 1 < len(flat) and not _body_like(flat[index + 1], limits):
                index += 1
                dropped[index] = cue.id
        index += 1
    _repeats(flat, sizes, dropped)
    _inside_boxes(sizes, dropped, limits, {c.id for c in cues.cues if c.box})
    return dict(sorted(dropped.items()))


def _repeats(flat: list[str], sizes: list[int], dropped: dict[int, str]) -> None:
    """A line shown again (a headline, a caption, a gallery caption with its counter) is dropped."""
    seen: list[str] = []
    for index, line in enumerate(flat):
        if index in dropped or not line:
            continue
        key = line.casefold()
        if sizes[index] >= 4 and any(
            key == earlier
            or (len(earlier.split()) >= 10 and earlier in key and sizes[index] <= len(earlier.split()) + 12)
            for earlier in seen
        ):
            dropped[index] = "repeated"
            continue
        seen.append(key)


def _inside_boxes(sizes: list[int], dropped: dict[int, str], limits: Limits, boxes: set[str]) -> None:
    """A few short lines between two lines of one boxed cue (a newsletter box's tagline) belong to the box."""
    index = 0
    while index < len(sizes):
        opener = dropped.get(index - 1) if index else None
        if index in dropped or opener not in boxes:
            index += 1
            continue
        end = index
        while end < len(sizes) and end not in dropped and sizes[end] <= limits.short_words:
            end += 1
        if dropped.get(end) == opener and end - index <= limits.between_chrome:
            dropped.update({i: str(opener) for i in range(index, end)})
        index = end + 1


def strip_suffixes(line: str, cues: Cues | None = None) -> str:
    """The line without a "read more" link glued to its end."""
    for cue in (cues or load_cues()).cues:
        if cue.kind == "suffix":
            match = cue.pattern.search(line)
            if match and words(match.group(0)) <= cue.max_words:
                line = line[: match.start()].rstrip()
    return line


def strip_boilerplate(blocks: list[str], cues: Cues | None = None) -> list[str]:
    """The paragraphs of the article: chrome lines dropped, glued "read more" links cut off.

    Cues look at each line of each paragraph, so a date line kept in one block with a repeated headline
    survives the headline; a paragraph left with no line is gone.
    """
    cues = cues or load_cues()
    lines = [
        (number, line) for number, block in enumerate(blocks) for line in block.split("\n") if line.strip()
    ]
    dropped = find_boilerplate([line for _, line in lines], cues)
    kept: dict[int, list[str]] = {}
    for index, (number, line) in enumerate(lines):
        if index not in dropped:
            kept.setdefault(number, []).append(strip_suffixes(line, cues))
    return ["\n".join(kept[number]) for number in sorted(kept)]
