"""Menu entries and keys as data: one table of ActionSpec rows per owner (the window's, and each kind's view), and
one builder. Menus, shortcuts and the F1 list of keys are all made from these rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ganlab.qt.i18n import table_tr


@dataclass(frozen=True)
class ActionSpec:
    """name: stable id; menu: where it sits ("file", "file/export", "run", "view", "help", ...); text and help
    (the line in the F1 list, or "" for none): N_-marked; keys: shortcuts, the first shown in the menu; kind: the
    kind of run it belongs to ("" for every kind): enabled only while that kind is shown."""

    name: str
    menu: str
    text: str
    handler: Callable[..., None]
    keys: tuple[str, ...] = ()
    help: str = ""
    checkable: bool = False
    kind: str = ""
    help_keys: str = ""  # how the F1 list writes the keys, when not simply the keys joined ("F1, ?")
    section: int = 0  # entries of one menu are grouped by section, in this order, with a line between groups


def build_action(window: QMainWindow, menu: QMenu, spec: ActionSpec) -> QAction:
    """A menu entry with optional shortcuts. A checkable one calls handler(checked); any other calls handler() with
    no argument (Qt would otherwise pass its `checked` flag into the handler's first optional parameter)."""
    action = QAction(table_tr(spec.text), window)
    action.setObjectName(spec.name)
    action.setCheckable(spec.checkable)
    if spec.keys:
        action.setShortcuts([QKeySequence(key) for key in spec.keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if spec.checkable:
        action.triggered.connect(spec.handler)
    else:
        action.triggered.connect(lambda _checked=False: spec.handler())
    menu.addAction(action)
    window.addAction(action)  # shortcuts work even with the menu bar hidden (presenter mode)
    return action


def key_rows(specs: list[ActionSpec]) -> list[tuple[str, str]]:
    """(keys, what they do) for the F1 list, in table order, translated."""
    return [(spec.help_keys or ", ".join(spec.keys), table_tr(spec.help)) for spec in specs if spec.help and spec.keys]
