"""Qt-free core: distributions, models, losses, the trainer, snapshots and metrics.

Nothing in this package may import PySide6 or pyqtgraph (tests/test_core_headless.py checks it).
"""
