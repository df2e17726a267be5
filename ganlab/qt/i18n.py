"""The UI's language: Qt translators for ganlab's strings (resources/i18n) and Qt's own dialogs, chosen from the
system locale or the user's choice, and switchable while the app runs (the window is rebuilt in the new language)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ganlab.app.choices import LANGUAGES, SOURCE_LANGUAGE
from ganlab.core.i18n import TABLE_CONTEXT
from ganlab.data.resources import i18n_dir

_installed: list[QTranslator] = []


def table_tr(text: str) -> str:
    """A table string marked with N_ (labels, preset titles, captions) in the current language."""
    return QCoreApplication.translate(TABLE_CONTEXT, text)


def resolve_language(code: str) -> str:
    """A locale name (zh_CN, zh_Hans_CN, zh-TW, en_GB, ...) as one of the shipped languages; English otherwise."""
    code = (code or "").replace("-", "_")
    if code.lower().startswith("zh"):
        return "zh_CN"
    return code if code in LANGUAGES else SOURCE_LANGUAGE


def system_language() -> str:
    locale = QLocale.system()
    for name in (*locale.uiLanguages(), locale.name()):
        resolved = resolve_language(name)
        if resolved != "en" or name.lower().startswith("en"):
            return resolved
    return "en"


def install_language(language: str) -> str:
    """Use `language` for every later translate() call; returns the language actually installed."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = resolve_language(language)
    if language == SOURCE_LANGUAGE or language not in LANGUAGES:
        return "en"
    ours = QTranslator(app)
    if not ours.load(str(i18n_dir() / f"ganlab_{language}.qm")):
        return "en"  # a broken install: English rather than half-translated
    app.installTranslator(ours)
    _installed.append(ours)
    qt_own = QTranslator(app)  # OK / Cancel / Open in Qt's standard dialogs, when Qt ships them
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return language
