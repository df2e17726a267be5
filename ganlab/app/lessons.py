"""Guided lessons: Markdown-like text files in tutorials/<language>/, parsed into steps with action buttons.

No Qt here (the lesson panel in ganlab/qt/panels/lesson.py draws what this module parses). A lesson file is

    # Lesson title
    An optional introduction (shown as the lesson's tooltip).

    ## Step title
    Paragraphs with **bold**, *italic* and `code`; `- ` bullets and `1. ` numbered lists.
    [button: Load the Figure 1 preset | preset figure1]

Every command a button may send is declared once, in VOCABULARY, with its arguments; arguments are checked while
the file is parsed (a preset key must exist, a setting must be in range), so a bad lesson fails with its file name,
line number and the problem, never halfway through a class. Text becomes HTML with everything escaped: nothing in a
lesson file is ever executed or passed through as markup. tutorials/README.md is the authors' guide.
"""

from __future__ import annotations

import abc
import functools
import html
import re
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ganlab.app.choices import SPEED_NAMES
from ganlab.app.one_d import OVERLAYS

DEFAULT_LANGUAGE = "en"
LESSON_SUFFIX = ".md"

Setting = tuple[str, ...] | tuple[float, float]  # allowed strings, or a numeric (low, high) range


class LessonError(ValueError):
    """A lesson file that cannot be used; the message is `path:line: problem`."""

    def __init__(self, path: str | Path, line: int, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        super().__init__(f"{self.path}:{line}: {problem}")


# --- what the buttons may do -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ValidationContext:
    """What the app can do, as the parser needs to know it: preset keys and the settings `set` may change.

    fields maps a setting's name to either a tuple of allowed strings or a numeric (low, high) range; a range whose
    ends are both ints takes whole numbers only.
    """

    presets: frozenset[str]
    fields: Mapping[str, Setting]


@functools.cache
def default_context() -> ValidationContext:
    """The presets and settings of this ganlab: the 1-D and image presets, and every bounded or chosen setting.

    A setting both configurations have takes the union of their choices or the wider of their ranges (a button does
    not know which kind of run will be loaded when it is pressed). Imported here, not at the top: config pulls in
    torch, and lessons are parsed before a run exists.
    """
    from ganlab.app.kinds import ALL_PRESETS
    from ganlab.core.image_config import IMAGE_CHOICES, IMAGE_LIMITS
    from ganlab.core.run_config import CHOICES, LIMITS

    fields: dict[str, Setting] = {}
    for choices in (CHOICES, IMAGE_CHOICES):
        for name, allowed in choices.items():
            fields[name] = tuple(dict.fromkeys((*fields.get(name, ()), *allowed)))
    for limits in (LIMITS, IMAGE_LIMITS):
        for name, (low, high) in limits.items():
            if name in fields:
                old_low, old_high = fields[name]
                low, high = min(low, old_low), max(high, old_high)
            fields[name] = (low, high)
    return ValidationContext(frozenset(ALL_PRESETS), fields)


class Argument(abc.ABC):
    """One argument of a command: its name in the usage line and how a word of the file becomes its value."""

    usage = "ARG"

    @abc.abstractmethod
    def parse(self, word: str, context: ValidationContext, before: tuple[Any, ...]) -> Any:
        """The value of `word`, or ValueError saying what is wrong with it."""


@dataclass(frozen=True)
class OneOf(Argument):
    options: tuple[str, ...]
    values: tuple[Any, ...] | None = None  # what each option becomes (default: the word itself)

    @property
    def usage(self) -> str:
        return "|".join(self.options)

    def parse(self, word: str, context: ValidationContext, before: tuple[Any, ...]) -> Any:
        if word not in self.options:
            raise ValueError(f"{word!r} is not one of {', '.join(self.options)}")
        return word if self.values is None else self.values[self.options.index(word)]


@dataclass(frozen=True)
class Integer(Argument):
    low: int
    high: int
    usage: str = "N"

    def parse(self, word: str, context: ValidationContext, before: tuple[Any, ...]) -> int:
        return _number(word, self.low, self.high, whole=True)


class PresetKey(Argument):
    usage = "KEY"

    def parse(self, word: str, context: ValidationContext, before: tuple[Any, ...]) -> str:
        if word not in context.presets:
            raise ValueError(f"unknown preset {word!r} (presets: {', '.join(sorted(context.presets))})")
        return word


class FieldName(Argument):
    usage = "FIELD"

    def parse(self, word: str, context: ValidationContext, before: tuple[Any, ...]) -> str:
        if word not in context.fields:
            raise ValueError(f"unknown setting {word!r} (settings: {', '.join(sorted(context.fields))})")
        return word


class FieldValue(Argument):
    """The value of the setting named by the argument before it: a choice, a whole number or a number."""

    usage = "VALUE"

    def parse(self, word: str, context: ValidationContext, before: tuple[Any, ...]) -> Any:
        name = before[-1]
        allowed = context.fields[name]
        if all(isinstance(option, str) for option in allowed):
            if word not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(allowed)} (got {word!r})")
            return word
        low, high = allowed
        whole = isinstance(low, int) and isinstance(high, int)
        try:
            return _number(word, low, high, whole=whole)
        except ValueError as exc:
            raise ValueError(f"{name}: {exc}") from None


def _number(word: str, low: float, high: float, whole: bool) -> int | float:
    try:
        value = int(word) if whole else float(word)
    except ValueError:
        raise ValueError(f"{word!r} is not a {'whole number' if whole else 'number'}") from None
    if not low <= value <= high:  # NaN fails this too
        raise ValueError(f"{word} is out of range ({low:g} to {high:g})")
    return value


@dataclass(frozen=True)
class Command:
    arguments: tuple[Argument, ...]
    meaning: str  # one line, for authors (tutorials/README.md lists the same table)

    def usage(self, verb: str) -> str:
        return " ".join((verb, *(argument.usage for argument in self.arguments)))


PANELS = ("charts", "saturation", "captures", "numbers", "samples", "nearest", "latent")
OVERLAY_NAMES = tuple(OVERLAYS)

# The whole command vocabulary: verb -> its arguments and what the app does with it. The app dispatches on the verb.
VOCABULARY: dict[str, Command] = {
    "preset": Command((PresetKey(),), "load a preset (data, networks, settings); the run starts again"),
    "play": Command((), "play: train continuously at the chosen speed"),
    "pause": Command((), "pause training"),
    "step": Command((), "one iteration of Algorithm 1: k D steps, then the G steps"),
    "step_d": Command((), "one discriminator step"),
    "step_g": Command((), "one generator step"),
    "reset": Command((), "start the run again from fresh networks (same settings)"),
    "live": Command((), "leave the timeline: back to the live run"),
    "run": Command((Integer(1, 100_000),), "play exactly N iterations, then pause"),
    "set": Command((FieldName(), FieldValue()), "change one setting, e.g. set loss non_saturating, set k 5"),
    "overlay": Command(
        (OneOf(OVERLAY_NAMES), OneOf(("on", "off"), (True, False))), "show or hide an overlay on Figure 1"
    ),
    "show": Command((OneOf(PANELS),), "bring a panel to the front"),
    "capture": Command((), "capture Figure 1 into the strip (a)-(d)"),
    "speed": Command((OneOf(SPEED_NAMES),), "play speed: full, 100, 20 or 5 iterations/s, narrated or slow"),
    "latent": Command((OneOf(("random", "slerp", "lerp")),), "latent path: new random endpoints, or the path shape"),
}


# --- what a file becomes ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """One button: its label, and the command it asks the app to run (verb and checked arguments)."""

    label: str
    verb: str
    args: tuple[Any, ...]
    line: int  # where the button is written, for messages
    command: str = ""  # the command as written, normalised ("preset figure1"), for tooltips and logs


@dataclass(frozen=True)
class Step:
    title: str
    html: str  # the body as simple, escaped HTML: <p>, <ul>/<ol>/<li>, <b>, <i>, <code>
    actions: tuple[Action, ...]
    line: int = 0


@dataclass(frozen=True)
class Lesson:
    key: str  # the file name without its order prefix and suffix: the same in every language
    title: str
    steps: tuple[Step, ...]
    path: Path
    language: str
    intro: str = ""  # HTML of the text between the title and the first step (may be empty)

    def signature(self) -> tuple[tuple[tuple[str, tuple[Any, ...]], ...], ...]:
        """The (verb, args) of every button, step by step: what must match across languages."""
        return tuple(tuple((action.verb, action.args) for action in step.actions) for step in self.steps)


# --- parsing ------------------------------------------------------------------------------------------------------

_HEADING = re.compile(r"^(#+)(\s+|$)(.*)$")
_BUTTON = re.compile(r"^\[\s*button\s*:(?P<label>[^|\]]*)\|(?P<command>[^|\]]*)\]$", re.IGNORECASE)
_DIRECTIVE = re.compile(r"^\[\s*(?P<word>[A-Za-z_]+)\s*:")  # something meant as a directive, maybe misspelt
_BULLET = re.compile(r"^[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^(\d{1,9})[.)]\s+(.*)$")


def parse_lesson(
    text: str | bytes,
    path: str | Path = "<lesson>",
    context: ValidationContext | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> Lesson:
    """One lesson file's text as a Lesson; LessonError (path:line: problem) if it is not a valid lesson."""
    path = Path(path)
    if isinstance(text, bytes):
        text = _decode(text, path)
    context = default_context() if context is None else context
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = _strip_comments(text.split("\n"), path)  # not splitlines(): U+2028 and friends would shift line numbers

    title = ""
    title_line = 0
    intro: list[tuple[int, str]] = []
    steps: list[tuple[int, str, list[tuple[int, str]]]] = []
    for number, raw in lines:
        line = raw.rstrip()
        heading = _HEADING.match(line)  # "#hashtag" (no space) is text, not a heading
        if heading:
            level, name = len(heading.group(1)), heading.group(3).strip().rstrip("#").strip()
            if level == 1:
                if title:
                    raise LessonError(path, number, f"a second lesson title (the first is on line {title_line})")
                if not name:
                    raise LessonError(path, number, "the lesson title is empty")
                title, title_line = name, number
            elif level == 2:
                if not title:
                    raise LessonError(path, number, "a step before the lesson's '# Title' line")
                if not name:
                    raise LessonError(path, number, "the step title is empty")
                steps.append((number, name, []))
            else:
                raise LessonError(path, number, "only '# lesson title' and '## step title' headings are supported")
        elif not title:
            if line.strip():
                raise LessonError(path, number, "a lesson file must start with '# Lesson title'")
        elif steps:
            steps[-1][2].append((number, line))
        else:
            intro.append((number, line))

    if not title:
        raise LessonError(path, 1, "no lesson title: the file must start with '# Lesson title'")
    if not steps:
        raise LessonError(path, title_line, "the lesson has no steps: add '## Step title' sections")
    intro_html, intro_actions = _body(intro, path, context)
    if intro_actions:
        raise LessonError(path, intro_actions[0].line, "a button before the first step: put it in a '## Step'")
    parsed = []
    for number, name, body in steps:
        body_html, actions = _body(body, path, context)
        if not body_html and not actions:
            raise LessonError(path, number, f"step {name!r} is empty")
        parsed.append(Step(name, body_html, tuple(actions), number))
    return Lesson(_key(path), title, tuple(parsed), path, language, intro_html)


def parse_action(
    label: str, command: str, context: ValidationContext, path: str | Path = "<lesson>", line: int = 0
) -> Action:
    """A button's label and command as an Action; LessonError if the verb or its arguments are not valid."""
    label = label.strip()
    command = command.strip()
    words = command.split()
    if not label:
        raise LessonError(path, line, "the button has no label: [button: Label | command]")
    if not words:
        raise LessonError(path, line, "the button has no command: [button: Label | command]")
    verb, given = words[0], words[1:]
    spec = VOCABULARY.get(verb)
    if spec is None:
        raise LessonError(path, line, f"unknown command {verb!r} (commands: {', '.join(VOCABULARY)})")
    if len(given) != len(spec.arguments):
        usage = spec.usage(verb)
        raise LessonError(path, line, f"{verb!r} takes {len(spec.arguments)} argument(s): {usage} (got {command!r})")
    args: tuple[Any, ...] = ()
    for argument, word in zip(spec.arguments, given, strict=True):
        try:
            args = (*args, argument.parse(word, context, args))
        except ValueError as exc:
            raise LessonError(path, line, f"{verb}: {exc}") from None
    return Action(label, verb, args, line, " ".join(words))


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problem = f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        raise LessonError(path, line, problem) from None


def _strip_comments(lines: list[str], path: Path) -> list[tuple[int, str]]:
    """(line number, text) of every line outside <!-- ... --> comments (notes for authors and translators)."""
    kept: list[tuple[int, str]] = []
    opened = 0
    for number, line in enumerate(lines, start=1):
        text = ""
        rest = line
        while rest:
            if opened:
                end = rest.find("-->")
                if end < 0:
                    rest = ""
                else:
                    rest, opened = rest[end + 3 :], 0
            else:
                start = rest.find("<!--")
                if start < 0:
                    text, rest = text + rest, ""
                else:
                    text, rest, opened = text + rest[:start], rest[start + 4 :], number
        if text.strip() or not line.strip():
            kept.append((number, text))  # a line that was only a comment vanishes entirely
    if opened:
        raise LessonError(path, opened, "a '<!--' comment is never closed with '-->'")
    return kept


def _body(lines: list[tuple[int, str]], path: Path, context: ValidationContext) -> tuple[str, list[Action]]:
    """A step's lines as HTML blocks (paragraphs, lists) and its buttons, in the order they are written."""
    blocks: list[str] = []
    actions: list[Action] = []
    paragraph: list[str] = []
    items: list[list[str]] = []
    list_tag = ""

    def flush() -> None:
        nonlocal paragraph, items, list_tag
        if paragraph:
            blocks.append(f"<p>{_inline(_join(paragraph))}</p>")
        if items:
            inner = "".join(f"<li>{_inline(_join(item))}</li>" for item in items)
            blocks.append(f"<{list_tag}>{inner}</{list_tag}>")
        paragraph, items, list_tag = [], [], ""

    for number, raw in lines:
        line = raw.strip()
        if not line:
            flush()
            continue
        button = _BUTTON.match(line)
        if button:
            flush()
            actions.append(parse_action(button["label"], button["command"], context, path, number))
            continue
        directive = _DIRECTIVE.match(line)
        if directive and directive["word"].lower() == "button" or line.lower().startswith("[button"):
            raise LessonError(path, number, "a button is written [button: Label | command] on a line of its own")
        if directive and "|" in line and line.endswith("]"):
            raise LessonError(
                path, number, f"unknown directive {directive['word']!r}: a button is written [button: Label | command]"
            )
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if bullet or numbered:
            tag = "ul" if bullet else "ol"
            if paragraph or (items and tag != list_tag):
                flush()
            list_tag = tag
            items.append([(bullet or numbered).groups()[-1]])
        elif items and raw[:1].isspace():
            items[-1].append(line)  # an indented line continues the list item
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return "".join(blocks), actions


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _join(lines: Sequence[str]) -> str:
    """A paragraph's lines as one: a space between them, none between two Chinese (wide) characters."""
    text = lines[0]
    for line in lines[1:]:
        text += ("" if _wide(text[-1]) and _wide(line[0]) else " ") + line
    return text


_CODE = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)")
_ESCAPE = re.compile(r"\\([\\`*_\[\]#|<>-])")
# CommonMark's rule for '*', simplified: an opening run is followed by a word character, or by punctuation when
# it is not itself inside a word; a closing run mirrors that. So D*(x) and 2*3*4 stay as written, while
# **bold** works inside Chinese text, which has no spaces around it.
_OPEN = r"(?:{s}(?=\w)|(?<![\w*]){s}(?=[^\s\w*]))"
_CLOSE = r"(?:(?<=\w){s}|(?<=[^\s\w*]){s}(?!\w))"
_BOLD = re.compile(r"(?<!\*)" + _OPEN.format(s=r"\*\*") + r"(.+?)" + _CLOSE.format(s=r"\*\*") + r"(?!\*)")
_ITALIC = re.compile(r"(?<!\*)" + _OPEN.format(s=r"\*") + r"([^*]+?)" + _CLOSE.format(s=r"\*") + r"(?!\*)")
_PLACEHOLDER = "\ue000"  # a private-use character stands in for a backslash-escaped one while emphasis is found


def _inline(text: str) -> str:
    """Escaped HTML of one paragraph or list item: `code`, **bold**, *italic*, backslash escapes; nothing else."""
    out: list[str] = []
    position = 0
    for match in _CODE.finditer(text):
        out.append(_emphasis(text[position : match.start()]))
        out.append(f"<code>{html.escape(match.group(2).strip() or match.group(2), quote=False)}</code>")
        position = match.end()
    out.append(_emphasis(text[position:]))
    return "".join(out)


def _emphasis(text: str) -> str:
    escaped: list[str] = []

    def hold(match: re.Match[str]) -> str:
        escaped.append(match.group(1))
        return _PLACEHOLDER

    text = html.escape(_ESCAPE.sub(hold, text.replace(_PLACEHOLDER, "")), quote=False)
    text = _BOLD.sub(r"<b>\1</b>", text)
    text = _ITALIC.sub(r"<i>\1</i>", text)
    pieces = iter(html.escape(char, quote=False) for char in escaped)
    return re.sub(_PLACEHOLDER, lambda _: next(pieces), text)


def _key(path: Path) -> str:
    """'01-figure1.md' -> 'figure1': the order prefix goes, so renumbering a lesson keeps its key."""
    return re.sub(r"^\d+[-_ ]*", "", path.stem) or path.stem


# --- files --------------------------------------------------------------------------------------------------------


def _candidates() -> list[Path]:
    return [
        # A source checkout or an editable install: tutorials/ sits beside the ganlab package.
        Path(__file__).resolve().parents[2] / "tutorials",
        # A regular (wheel) install: pyproject's [tool.setuptools.data-files] puts them under <prefix>/share.
        Path(sys.prefix) / "share" / "ganlab" / "tutorials",
    ]


def tutorials_dir() -> Path:
    """The top-level tutorials/ folder (one subfolder per language); FileNotFoundError if there is none."""
    candidates = _candidates()
    for folder in candidates:
        if folder.is_dir():
            return folder
    tried = ", ".join(str(folder) for folder in candidates)
    raise FileNotFoundError(f"ganlab's tutorials folder is missing (looked in {tried}); reinstall with `pip install .`")


def available_languages(folder: Path | None = None) -> list[str]:
    """The language codes with at least one lesson ('en', 'zh_CN'), sorted; [] when there are no tutorials."""
    try:
        folder = tutorials_dir() if folder is None else Path(folder)
    except FileNotFoundError:
        return []
    if not folder.is_dir():
        return []
    return sorted(sub.name for sub in folder.iterdir() if sub.is_dir() and any(sub.glob(f"*{LESSON_SUFFIX}")))


def resolve_language(code: str, folder: Path | None = None) -> str:
    """The available language closest to a locale code: 'zh_CN' or 'zh' -> 'zh_CN', 'en_GB' -> 'en', else 'en'."""
    languages = available_languages(folder)
    code = code.replace("-", "_")
    if code in languages:
        return code
    base = code.split("_")[0].lower()
    for language in languages:
        if language.split("_")[0].lower() == base:
            return language
    return DEFAULT_LANGUAGE


def lesson_files(language: str, folder: Path | None = None) -> list[Path]:
    """The lesson files of one language in teaching order (by file name: 01-..., 02-...)."""
    root = tutorials_dir() if folder is None else Path(folder)
    return sorted((root / language).glob(f"*{LESSON_SUFFIX}"), key=lambda path: path.name)


def read_lesson(path: Path, context: ValidationContext | None = None, language: str | None = None) -> Lesson:
    """Parse one lesson file; its language defaults to the name of its folder."""
    path = Path(path)
    return parse_lesson(path.read_bytes(), path, context, language or path.parent.name)


def load_lessons(
    language: str = DEFAULT_LANGUAGE, context: ValidationContext | None = None, folder: Path | None = None
) -> list[Lesson]:
    """Every lesson of one language, in order; LessonError for the first file that is not valid."""
    files = lesson_files(language, folder)
    if not files:
        root = tutorials_dir() if folder is None else Path(folder)
        raise LessonError(root / language, 0, f"no lessons in language {language!r}")
    lessons = [read_lesson(path, context, language) for path in files]
    seen: dict[str, Path] = {}
    for lesson in lessons:
        if lesson.key in seen:
            raise LessonError(lesson.path, 1, f"lesson key {lesson.key!r} is also used by {seen[lesson.key].name}")
        seen[lesson.key] = lesson.path
    return lessons


def compare_translations(reference: Sequence[Lesson], other: Sequence[Lesson]) -> list[str]:
    """Where a translation differs from the reference in anything but words: files, step counts, button commands.

    An empty list means the two languages teach the same sequence of steps with the same buttons.
    """
    problems: list[str] = []
    by_key = {lesson.key: lesson for lesson in other}
    names = [lesson.path.name for lesson in reference]
    other_names = [lesson.path.name for lesson in other]
    if names != other_names:
        problems.append(f"lesson files differ: {names} vs {other_names}")
    for lesson in reference:
        twin = by_key.get(lesson.key)
        if twin is None:
            continue
        if len(lesson.steps) != len(twin.steps):
            problems.append(f"{twin.path.name}: {len(twin.steps)} steps, {lesson.path.name} has {len(lesson.steps)}")
            continue
        for index, (mine, theirs) in enumerate(zip(lesson.signature(), twin.signature(), strict=True)):
            if mine != theirs:
                problems.append(
                    f"{twin.path}:{twin.steps[index].line}: step {index + 1} buttons {list(theirs)} "
                    f"differ from {lesson.path.name}'s {list(mine)}"
                )
    return problems


def describe_vocabulary() -> list[tuple[str, str]]:
    """(usage, meaning) of every command, in table order: for the authors' guide and error messages."""
    return [(command.usage(verb), command.meaning) for verb, command in VOCABULARY.items()]


__all__ = [
    "VOCABULARY",
    "Action",
    "Command",
    "Lesson",
    "LessonError",
    "Step",
    "ValidationContext",
    "available_languages",
    "compare_translations",
    "default_context",
    "describe_vocabulary",
    "load_lessons",
    "parse_action",
    "parse_lesson",
    "read_lesson",
    "resolve_language",
    "tutorials_dir",
]
