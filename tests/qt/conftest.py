"""Fixtures of the Qt tests."""

import pytest
from PySide6.QtGui import QFont, QPalette

from ganlab.qt.look.projector import apply_presenter


@pytest.fixture
def app(qapp):
    """The application, put back to its font, palette and style sheet whatever the test does."""
    font, palette, sheet = QFont(qapp.font()), QPalette(qapp.palette()), qapp.styleSheet()
    yield qapp
    apply_presenter(qapp, False)
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)
