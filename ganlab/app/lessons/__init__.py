"""Guided lessons: Markdown-like text files in tutorials/<language>/, parsed into steps with action buttons.

No Qt here (ganlab/qt/panels/lesson.py draws what this package parses). By role: vocabulary (the verbs a button may
send, their arguments, the context a file is checked against; kinds of run add verbs through RunKind.lesson_verbs),
parser (a file's text as a Lesson), files (the tutorials folder, languages, loading, comparing translations).
tutorials/README.md is the authors' guide.
"""

from ganlab.app.lessons.files import (
    LESSON_SUFFIX,
    available_languages,
    compare_translations,
    lesson_files,
    load_lessons,
    read_lesson,
    resolve_language,
    tutorials_dir,
)
from ganlab.app.lessons.parser import DEFAULT_LANGUAGE, Action, Lesson, LessonError, Step, parse_action, parse_lesson
from ganlab.app.lessons.vocabulary import (
    SHARED_VERBS,
    ValidationContext,
    Verb,
    all_verbs,
    default_context,
    describe_vocabulary,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "LESSON_SUFFIX",
    "SHARED_VERBS",
    "Action",
    "Lesson",
    "LessonError",
    "Step",
    "ValidationContext",
    "Verb",
    "all_verbs",
    "available_languages",
    "compare_translations",
    "default_context",
    "describe_vocabulary",
    "lesson_files",
    "load_lessons",
    "parse_action",
    "parse_lesson",
    "read_lesson",
    "resolve_language",
    "tutorials_dir",
]
