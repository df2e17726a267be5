"""`ganlab bench`: the bare training loop against the same run inside the app, measured in one process run.

Figures, not pass/fail: the ratio in-app / bare says what the GUI costs the trainer; frames/s and the
snapshot-to-paint latency say how live the picture is.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable

import numpy as np

from ganlab.app.kinds import ALL_PRESETS

SLIDER_MOVE_INTERVAL_MS = 100  # image presets: the latent slider is moved this often while training


class SliderClock:
    """Slider move -> its picture on screen, from the latent panel's own signals: a request answers the moves made
    before it was sent (moves made while one is in flight are merged into the next request)."""

    def __init__(self) -> None:
        self.first_unsent: float | None = None  # the oldest move no request has carried yet
        self.sent_at: dict[int, float] = {}  # request -> the oldest move it answers
        self.latencies_ms: list[float] = []

    def moved(self) -> None:
        if self.first_unsent is None:
            self.first_unsent = time.monotonic()

    def sent(self, request: int, _z: object) -> None:
        if self.first_unsent is not None:
            self.sent_at[request] = self.first_unsent
            self.first_unsent = None

    def shown(self, request: int) -> None:
        moved_at = self.sent_at.pop(request, None)
        if moved_at is not None:
            self.latencies_ms.append((time.monotonic() - moved_at) * 1000.0)


def bare_loop_rate(preset: str, seconds: float) -> float:
    """Iterations/s of the trainer's step() alone, with no snapshots and no GUI, on one thread as in the app."""
    import torch

    from ganlab.app.loop import make_trainer

    torch.set_num_threads(1)
    trainer = make_trainer(ALL_PRESETS[preset].config, torch.device("cpu"))
    for _ in range(20):  # warm-up
        trainer.step()
    start = time.perf_counter()
    done = 0
    while time.perf_counter() - start < seconds:
        for _ in range(20):
            trainer.step()
        done += 20
    return done / (time.perf_counter() - start)


def in_app_figures(preset: str, transport: str, seconds: float) -> dict:
    """Open the real main window offscreen, press Play, and measure what the trainer and the painter achieve."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QGraphicsView

    from ganlab.qt.app import make_application
    from ganlab.qt.window.main_window import MainWindow

    app = make_application()
    window = MainWindow(preset=preset, device="cpu", transport=transport)
    window.resize(1280, 820)
    window.show()
    controller = window.controller

    view = window.view.painted  # the widget each frame repaints
    latent = getattr(window.view, "latent", None)  # a kind with a latent slider: it is dragged while training
    scene = isinstance(view, QGraphicsView)  # pyqtgraph paints into the view's viewport
    paints: list[tuple[float, float, int]] = []  # (painted at, snapshot created at, iteration)

    class PaintClock(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                # paint now, then stamp: latency includes the paint itself
                view.viewportEvent(event) if scene else view.paintEvent(event)
                snap = controller.snapshot
                if snap is not None and (not paints or paints[-1][2] != snap.iteration):
                    paints.append((time.monotonic(), snap.created, snap.iteration))
                return True
            return False

    clock = PaintClock()
    painted = view.viewport() if scene else view
    painted.installEventFilter(clock)

    def pump_until(condition: Callable[[], bool], timeout: float) -> bool:
        """Run the real event loop (as app.exec() does: idle waits hold no GIL), checking condition every 10 ms."""
        loop = QEventLoop()
        checker = QTimer()
        checker.timeout.connect(lambda: condition() and loop.quit())
        checker.start(10)
        QTimer.singleShot(int(timeout * 1000), loop.quit)
        loop.exec()
        checker.stop()
        return bool(condition())

    started = pump_until(lambda: controller.snapshot is not None, 60.0)
    if not started:
        window.close()
        raise RuntimeError(f"the {transport} trainer sent no snapshot within 60 s")
    controller.set_playing(True)
    pump_until(lambda: False, 1.0)  # let the loop reach its steady state
    paints.clear()
    slider = QTimer()
    moves = SliderClock()
    if latent is not None:  # a student dragging the latent slider while G trains: every move must answer in 50 ms
        window.raise_dock("latent")
        latent.decode_requested.connect(moves.sent)
        latent.pictures_shown.connect(moves.shown)
        positions = iter(np.tile(np.r_[np.arange(0, 101, 5), np.arange(95, 0, -5)], 1000))

        def move() -> None:
            moves.moved()
            latent.slider.setValue(int(next(positions)))

        slider.timeout.connect(move)
        slider.start(SLIDER_MOVE_INTERVAL_MS)
    first_iteration, t0 = controller.snapshot.iteration, time.monotonic()
    pump_until(lambda: False, seconds)
    last_iteration, t1 = controller.snapshot.iteration, time.monotonic()
    slider.stop()
    controller.set_playing(False)
    stop_started = time.monotonic()
    window.close()
    stop_s = time.monotonic() - stop_started
    painted.removeEventFilter(clock)
    app.processEvents()
    latencies = np.array([(when - created) * 1000.0 for when, created, _ in paints])
    figures = {
        "its": (last_iteration - first_iteration) / (t1 - t0),
        "fps": len(paints) / (t1 - t0),
        "latency_ms_p50": float(np.percentile(latencies, 50)) if len(latencies) else None,
        "latency_ms_p95": float(np.percentile(latencies, 95)) if len(latencies) else None,
        "stop_s": stop_s,
    }
    if latent is not None:
        answered = np.array(moves.latencies_ms)
        figures["slider_moves"] = len(answered)
        figures["slider_ms_p50"] = float(np.percentile(answered, 50)) if len(answered) else None
        figures["slider_ms_p95"] = float(np.percentile(answered, 95)) if len(answered) else None
    return figures


def run_bench(args: argparse.Namespace) -> int:
    from ganlab.app.choices import DEFAULT_TRANSPORT, TRANSPORTS

    transports = tuple(TRANSPORTS) if args.transport == "both" else (args.transport,)
    bare_before = bare_loop_rate(args.preset, args.seconds / 2)
    results = {name: in_app_figures(args.preset, name, args.seconds) for name in transports}
    bare_after = bare_loop_rate(args.preset, args.seconds / 2)
    bare = (bare_before + bare_after) / 2
    for figures in results.values():
        figures["ratio"] = figures["its"] / bare
    report = {
        "preset": args.preset,
        "cpu_cores": os.cpu_count(),
        "seconds": args.seconds,
        "bare_its": bare,
        "bare_its_before_after": [bare_before, bare_after],
        "transports": results,
        "default_transport": DEFAULT_TRANSPORT,
    }
    if len(results) > 1:  # a comparison needs two
        report["fastest_transport"] = max(results, key=lambda name: results[name]["its"])
    if args.json:
        print(json.dumps(report))
    else:
        print(f"bare loop: {bare:.0f} it/s ({args.preset}, {os.cpu_count()} cores)")
        for name, f in results.items():
            default = " (default)" if name == DEFAULT_TRANSPORT else ""
            print(
                f"{name}{default}: {f['its']:.0f} it/s in the app = {f['ratio']:.2f} x bare, "
                f"{f['fps']:.1f} frames/s, latency p50 {f['latency_ms_p50']:.1f} ms, p95 {f['latency_ms_p95']:.1f} ms, "
                f"stop {f['stop_s']:.2f} s"
            )
            if "slider_moves" in f:
                print(
                    f"  latent slider while training: {f['slider_moves']} moves, move-to-picture p50 "
                    f"{f['slider_ms_p50']:.1f} ms, p95 {f['slider_ms_p95']:.1f} ms"
                )
    return 0
