"""Every file action of the window in one shape: ask for a path, do the work, report (status bar or a dialog)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def ask_save_path(window: QMainWindow, title: str, default_name: str, filters: str) -> str:
    """The path the user chose to write ("" if cancelled). The dialog asks before replacing an existing file."""
    path, _ = QFileDialog.getSaveFileName(window, title, default_name, filters)
    return path


def ask_open_path(window: QMainWindow, title: str, filters: str) -> str:
    path, _ = QFileDialog.getOpenFileName(window, title, "", filters)
    return path


def write_and_report(window: QMainWindow, path: str, write: Callable[[str], object]) -> bool:
    """Run write(path); a failure becomes a dialog naming the file, success a line in the status bar. A write that
    returns False was cancelled by the user (a progress dialog)."""
    try:
        done = write(path)
    except (OSError, ValueError) as exc:
        QMessageBox.warning(window, _tr("Export failed"), _tr("Could not write {p}: {e}").format(p=path, e=exc))
        return False
    if done is False:
        window.statusBar().showMessage(_tr("Export cancelled"), 5000)
        return False
    window.statusBar().showMessage(_tr("Saved ") + path, 5000)
    return True


def save_as(
    window: QMainWindow,
    title: str,
    default_name: str,
    filters: str,
    write: Callable[[str], object],
    path: str | None = None,
) -> bool:
    """Ask for a path (unless given), write, report. True when the file was written."""
    if path is None:
        path = ask_save_path(window, title, default_name, filters)
        if not path:
            return False
    return write_and_report(window, path, write)
