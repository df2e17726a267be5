"""Lesson files on disk: the tutorials/ folder (one subfolder per language), reading and loading lessons, and
checking that a translation teaches the same steps with the same buttons as the reference language."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from ganlab.app.lessons.parser import DEFAULT_LANGUAGE, Lesson, LessonError, parse_lesson
from ganlab.app.lessons.vocabulary import ValidationContext, default_context

LESSON_SUFFIX = ".md"


def _candidates() -> list[Path]:
    return [
        # A source checkout or an editable install: tutorials/ sits beside the ganlab package.
        Path(__file__).resolve().parents[3] / "tutorials",
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
    context = default_context() if context is None else context  # built once for all the files
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
