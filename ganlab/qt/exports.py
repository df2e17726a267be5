"""Files for a teacher's slides: any panel as PNG (high-DPI) or SVG (vector), the timeline as an animated GIF.

Every writer goes through `atomic_write`: the file appears complete at its path or not at all (a cancelled or
failed export leaves neither the file nor a temporary beside it). An unwritable path raises OSError naming it.

MP4 is not offered: no encoder ships with our dependencies (Pillow writes GIF, not H.264), and adding one
(imageio-ffmpeg, PyAV) would add a large native download for one menu item.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager

import pyqtgraph as pg
from PIL import Image
from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsView, QProgressDialog, QWidget

from ganlab.core.snapshot import Snapshot
from ganlab.data.atomic import atomic_write
from ganlab.qt.panels.figure1_still import Figure1Still

GIF_SIZE = (800, 500)
GIF_MAX_FPS = 50  # GIF delays are whole centiseconds, and browsers slow any delay under 20 ms down to 100 ms
PROGRESS_MIN_DURATION_MS = 300
Progress = Callable[[int, int], bool | None]  # progress(done, total); False cancels, None or True goes on


def _tr(text: str) -> str:
    return QCoreApplication.translate("Exports", text)


# ---- one panel, as a picture
def _graphics_views(widget: QWidget) -> list[pg.GraphicsView]:
    views = widget.findChildren(pg.GraphicsView)
    return [widget, *views] if isinstance(widget, pg.GraphicsView) else list(views)


@contextmanager
def _export_mode(widget: QWidget, painter: QPainter) -> Iterator[None]:
    """pyqtgraph's export mode on every item the widget shows: scatter symbols are drawn as shapes (not copied
    from a bitmap atlas, which would put bitmaps in an SVG and blur a 2x PNG), curves antialiased and drawn as one
    path each, the hover-only auto-range button hidden, no cached background bitmap. Undone afterwards, whatever
    happens."""
    views = _graphics_views(widget)
    items = [item for view in views for item in view.scene().items() if hasattr(item, "setExportMode")]
    cache_modes = [view.cacheMode() for view in views]
    # A thick solid curve is drawn as separate segments on screen (faster); exported, it is one path again.
    curves = [item for item in items if isinstance(item, pg.PlotCurveItem)]
    line_modes = [curve.opts["segmentedLineMode"] for curve in curves]
    options = {"antialias": True, "painter": painter, "resolutionScale": 1.0}
    for view in views:
        view.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)  # a cached background is a bitmap in the SVG
    for item in items:
        item.setExportMode(True, dict(options))
    for curve in curves:
        curve.setSegmentedLineMode("off")
    try:
        yield
    finally:
        for item in items:
            item.setExportMode(False)
        for curve, mode in zip(curves, line_modes, strict=True):
            curve.setSegmentedLineMode(mode)
        for view, mode in zip(views, cache_modes, strict=True):
            view.setCacheMode(mode)


def _render_widget(widget: QWidget, painter: QPainter) -> None:
    # QWidget's render, not QGraphicsView.render(painter) (which draws the scene only, stretched to the device).
    QWidget.render(widget, painter, QPoint(0, 0))


def _checked_size(widget: QWidget) -> QSize:
    size = widget.size()
    if size.width() < 1 or size.height() < 1:
        raise ValueError(f"the widget has no area to export ({size.width()} x {size.height()} pixels)")
    return size


def widget_image(widget: QWidget, scale: float = 2) -> QImage:
    """The widget as it looks on screen, rendered at `scale` device pixels per logical pixel (crisp, not upscaled)."""
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    size = _checked_size(widget)
    image = QImage(round(size.width() * scale), round(size.height() * scale), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    dots_per_metre = round(96 * scale / 0.0254)  # prints at the widget's on-screen size, at `scale` x the detail
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(widget.palette().color(widget.backgroundRole()))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    with _export_mode(widget, painter):
        _render_widget(widget, painter)
    painter.end()
    return image


def export_widget_png(widget: QWidget, path: str | os.PathLike[str], scale: float = 2) -> None:
    """Save `widget` as a PNG of scale x its size in pixels. OSError (naming the path) when it cannot be written."""
    image = widget_image(widget, scale)
    with atomic_write(path) as temporary:
        if not image.save(temporary, "PNG"):
            raise OSError(f"cannot write the PNG {os.fspath(path)!r}")


def export_widget_svg(widget: QWidget, path: str | os.PathLike[str], title: str = "") -> None:
    """Save `widget` as an SVG: curves and axes as vector paths, text as text, an image panel's pixels as an image.

    Uses QtSvg's generator on the widget itself (pyqtgraph 0.14's SVGExporter fails on Qt 6.11's path syntax).
    """
    size = _checked_size(widget)
    with atomic_write(path) as temporary:
        generator = QSvgGenerator()
        generator.setFileName(temporary)
        generator.setSize(size)
        generator.setViewBox(QRect(0, 0, size.width(), size.height()))
        generator.setResolution(max(widget.logicalDpiX(), 1))
        generator.setTitle(title or widget.windowTitle() or "ganlab")
        generator.setDescription(_tr("Exported from ganlab"))
        painter = QPainter()
        if not painter.begin(generator):
            raise OSError(f"cannot write the SVG {os.fspath(path)!r}")
        try:
            with _export_mode(widget, painter):
                _render_widget(widget, painter)
        finally:
            painter.end()


# ---- the timeline, as an animated GIF
def figure1_title(snapshot: Snapshot) -> str:
    """The title of a GIF frame: it names the frame's iteration."""
    return _tr("Figure 1, iteration {0}").format(int(snapshot.iteration))


def frame_indices(count: int, max_frames: int) -> list[int]:
    """Indices of at most max_frames evenly spaced items of `count`, the first and the last always among them."""
    if max_frames < 2:
        raise ValueError(f"max_frames must be at least 2 (the first and the last), got {max_frames}")
    if count <= max_frames:
        return list(range(count))
    steps = max_frames - 1
    return [(i * (count - 1) + steps // 2) // steps for i in range(max_frames)]  # round(i * (count-1) / steps)


def qimage_to_pil(image: QImage) -> Image.Image:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height = rgb.width(), rgb.height()
    data = rgb.constBits().tobytes()
    return Image.frombuffer("RGB", (width, height), data, "raw", "RGB", rgb.bytesPerLine(), 1)


class _CancelledError(Exception):
    pass


def _cancelled(progress: Progress | None, done: int, total: int) -> bool:
    if progress is None:
        return False
    answer = progress(done, total)
    return answer is not None and not answer


def export_timeline_gif(
    snapshots: Sequence[Snapshot],
    path: str | os.PathLike[str],
    *,
    render: Callable[[Snapshot], QImage] | None = None,
    fps: float = 10,
    max_frames: int = 300,
    size: tuple[int, int] = GIF_SIZE,
    overlays: Mapping[str, bool] | None = None,
    progress: Progress | None = None,
) -> bool:
    """Write the snapshots as an animated GIF (looping forever, fps frames a second); True when written.

    `snapshots` needs only len() and indexing: a SnapshotHistory works, and only the chosen snapshots are rebuilt
    (all of them at the start, so a history that grows or thins during the export does not shift the frames).
    With more than max_frames, evenly spaced ones are kept, the first and the last among them. Each frame is
    `render(snapshot)`, by default Figure 1 at `size` with `overlays`; each frame gets its own 256-colour palette.
    `progress(done, total)` is called before the first frame and after each; returning False cancels the export,
    which then returns False and leaves nothing at `path`. Two identical consecutive frames are stored as one
    frame shown twice as long (Pillow merges them), so n_frames can be less than the frames rendered.
    """
    if not 0 < fps <= GIF_MAX_FPS:
        raise ValueError(f"fps must be in (0, {GIF_MAX_FPS}], got {fps}")
    if len(snapshots) == 0:
        raise ValueError("no snapshots to export")
    chosen = [snapshots[i] for i in frame_indices(len(snapshots), max_frames)]
    total = len(chosen)
    duration_ms = round(1000 / fps / 10) * 10 or 10
    still = Figure1Still(size, overlays, title=figure1_title) if render is None else None
    renderer = render if still is None else still.render
    first_size: list[QSize] = []

    def frames() -> Iterator[Image.Image]:
        """Each frame is made while Pillow writes the previous ones: only Pillow's own copies stay in memory."""
        for done, snapshot in enumerate(chosen, start=1):
            image = renderer(snapshot)
            if not first_size:
                first_size.append(image.size())
            elif image.size() != first_size[0]:
                image = image.scaled(first_size[0])
            yield qimage_to_pil(image).quantize(256, method=Image.Quantize.FASTOCTREE)
            if _cancelled(progress, done, total):
                raise _CancelledError

    try:
        with atomic_write(path) as temporary:
            if _cancelled(progress, 0, total):
                raise _CancelledError
            sequence = frames()
            first = next(sequence)
            first.save(
                temporary,
                format="GIF",
                save_all=True,
                append_images=sequence,
                duration=duration_ms,
                loop=0,
                optimize=True,
            )
    except _CancelledError:
        return False
    finally:
        if still is not None:
            still.close()
    return True


# ---- a modal progress dialog for long exports
def run_with_progress(parent: QWidget | None, title: str, total: int, work: Callable[[Progress], bool | None]) -> bool:
    """Run `work(progress)` under a modal progress dialog with a Cancel button; False when cancelled.

    `work` calls progress(done, total) as it goes (a new total updates the bar) and stops when it returns False,
    which it does once Cancel is pressed: each call processes pending events, so the button answers. The dialog
    appears only if the work lasts longer than ~300 ms. When `work` returns a bool, that is the answer (False:
    cancelled); otherwise the answer is whether Cancel was pressed. An exception from `work` closes the dialog
    and propagates.
    """
    dialog = QProgressDialog(title, _tr("Cancel"), 0, max(int(total), 1), parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(
        Qt.WindowModality.WindowModal if parent is not None else Qt.WindowModality.ApplicationModal
    )
    dialog.setMinimumDuration(PROGRESS_MIN_DURATION_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)

    def progress(done: int, new_total: int) -> bool:
        if new_total != dialog.maximum():
            dialog.setMaximum(max(int(new_total), 1))
        dialog.setValue(min(int(done), dialog.maximum()))  # a modal dialog's setValue processes events itself
        QCoreApplication.processEvents()
        return not dialog.wasCanceled()

    try:
        result = work(progress)
        # A bool from `work` says what happened (a Cancel pressed after its last check changed nothing).
        cancelled = not result if isinstance(result, bool) else dialog.wasCanceled()
    finally:
        dialog.close()
        dialog.deleteLater()
    return not cancelled
