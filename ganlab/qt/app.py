"""QApplication set-up and the app's entry point."""

from __future__ import annotations

import sys

import pyqtgraph as pg
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ganlab.app.choices import DEFAULT_TRANSPORT
from ganlab.qt.i18n import install_language, system_language
from ganlab.qt.look.preferences import Preferences
from ganlab.qt.window.main_window import MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("ganlab")
    app.setOrganizationName("ganlab")
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 11.0))  # readable from the back of a classroom
    app.setFont(font)
    pg.setConfigOptions(antialias=False, foreground="k")
    return app


def run_app(
    preset: str = "figure1", device: str = "auto", transport: str = DEFAULT_TRANSPORT, language: str | None = None
) -> int:
    """language: "en" or "zh_CN"; None: the last one chosen in the app, else the system's."""
    app = make_application()
    preferences = Preferences()
    language = install_language(language or preferences.language or system_language())
    window = MainWindow(preset=preset, device=device, transport=transport, language=language, preferences=preferences)
    window.show()
    return app.exec()
