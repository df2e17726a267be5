"""A lesson file's text as a Lesson: its title, its steps (escaped HTML) and their buttons, checked as they are read.

    # Lesson title
    An optional introduction (shown as the lesson's tooltip).

    ## Step title
    Paragraphs with **bold**, *italic* and `code`; `- ` bullets and `1. ` numbered lists.
    [button: Load the Figure 1 preset | preset figure1]

A button's verb and arguments are checked against a ValidationContext (see vocabulary) while the file is parsed, so a
bad lesson fails with its file name, line number and the problem, never halfway through a class. Text becomes HTML
with everything escaped: nothing in a lesson file is ever executed or passed through as markup.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ganlab.app.lessons.vocabulary import ArgumentValue, ValidationContext, default_context

DEFAULT_LANGUAGE = "en"


class LessonError(ValueError):
    """A lesson file that cannot be used; the message is `path:line: problem`."""

    def __init__(self, path: str | Path, line: int, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        super().__init__(f"{self.path}:{line}: {problem}")


# --- what a file becomes ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """One button: its label, and the command it asks the app to run (verb and checked arguments)."""

    label: str
    verb: str
    args: tuple[ArgumentValue, ...]
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

    def signature(self) -> tuple[tuple[tuple[str, tuple[ArgumentValue, ...]], ...], ...]:
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
    spec = context.verbs.get(verb)
    if spec is None:
        raise LessonError(path, line, f"unknown command {verb!r} (commands: {', '.join(context.verbs)})")
    if len(given) != len(spec.arguments):
        usage = spec.usage(verb)
        raise LessonError(path, line, f"{verb!r} takes {len(spec.arguments)} argument(s): {usage} (got {command!r})")
    args: tuple[ArgumentValue, ...] = ()
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
