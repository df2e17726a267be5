"""`ganlab bench`: the bare training loop against the same run inside the app, measured in one process run.

Figures, not pass/fail: the ratio in-app / bare says what the GUI costs the trainer; frames/s and the
snapshot-to-paint latency say how live the picture is.
"""

from __future__ import annotations

import argparse
import json
import os
import time

import numpy as np

from ganlab.app.kinds import ALL_PRESETS

SLIDER_MOVE_INTERVAL_MS = 100  # image presets: the latent slider is moved this often while training


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

    from ganlab.qt.app import make_application
    from ganlab.qt.main_window import MainWindow

    app = make_application()
    window = MainWindow(preset=preset, device="cpu", transport=transport)
    window.resize(1280, 820)
    window.show()

    image = window.kind == "image"
    view = window.samples.samples if image else window.density
    paints: list[tuple[float, float, int]] = []  # (painted at, snapshot created at, iteration)

    class PaintClock(QObject):
        def eventFilter(self, obj, event):  # noqa: N802, ANN001, ANN201
            if event.type() == QEvent.Type.Paint:
                # paint now, then stamp: latency includes the paint itself
                view.paintEvent(event) if image else view.viewportEvent(event)
                snap = window.snapshot
                if snap is not None and (not paints or paints[-1][2] != snap.iteration):
                    paints.append((time.monotonic(), snap.created, snap.iteration))
                return True
            return False

    clock = PaintClock()
    painted = view if image else view.viewport()
    painted.installEventFilter(clock)

    def pump_until(condition, timeout: float) -> bool:  # noqa: ANN001
        """Run the real event loop (as app.exec() does: idle waits hold no GIL), checking condition every 10 ms."""
        loop = QEventLoop()
        checker = QTimer()
        checker.timeout.connect(lambda: condition() and loop.quit())
        checker.start(10)
        QTimer.singleShot(int(timeout * 1000), loop.quit)
        loop.exec()
        checker.stop()
        return bool(condition())

    started = pump_until(lambda: window.snapshot is not None, 60.0)
    if not started:
        window.close()
        raise RuntimeError(f"the {transport} trainer sent no snapshot within 60 s")
    window.set_playing(True)
    pump_until(lambda: False, 1.0)  # let the loop reach its steady state
    paints.clear()
    slider = QTimer()
    if image:  # a student dragging the latent slider while G trains: every move must answer within 50 ms
        window.latent_dock.raise_()
        window.latent.latencies_ms.clear()
        positions = iter(np.tile(np.r_[np.arange(0, 101, 5), np.arange(95, 0, -5)], 1000))
        slider.timeout.connect(lambda: window.latent.slider.setValue(int(next(positions))))
        slider.start(SLIDER_MOVE_INTERVAL_MS)
    first_iteration, t0 = window.snapshot.iteration, time.monotonic()
    pump_until(lambda: False, seconds)
    last_iteration, t1 = window.snapshot.iteration, time.monotonic()
    slider.stop()
    window.set_playing(False)
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
    if image:
        moves = np.array(window.latent.latencies_ms)
        figures["slider_moves"] = len(moves)
        figures["slider_ms_p50"] = float(np.percentile(moves, 50)) if len(moves) else None
        figures["slider_ms_p95"] = float(np.percentile(moves, 95)) if len(moves) else None
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
        "fastest_transport": max(results, key=lambda name: results[name]["its"]),
    }
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
