"""The run's record: what the window shows of the past, kept in one Qt-free place owned by the controller.

The timeline (every snapshot, bounded in memory, for scrubbing back) and the series over iterations that the charts
and the metrics CSV read. Panels are handed these objects and only draw them; a session file saves the timeline and
restores the record whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ganlab.app.run_kind import RunKind
from ganlab.core.history import History, SnapshotHistory


class RunRecord:
    def __init__(self, kind: RunKind) -> None:
        self.kind = kind
        self.series = History(series=kind.series)
        self.timeline: SnapshotHistory | None = SnapshotHistory() if kind.timeline else None

    def add(self, snapshot: Any) -> None:
        """Record one live snapshot (a snapshot from before a rewind truncates what came after it)."""
        self.series.add(snapshot)
        if self.timeline is not None:
            self.timeline.add(snapshot)

    def clear(self) -> None:
        self.series.clear()
        if self.timeline is not None:
            self.timeline.clear()

    def restore(self, snapshots: Iterable[Any]) -> None:
        """Refill the record from saved snapshots (a session file's timeline), replacing what it held."""
        self.clear()
        for snapshot in snapshots:
            self.add(snapshot)

    def snapshots(self) -> list[Any]:
        """The kept timeline, oldest first (empty for kinds that keep none)."""
        timeline = self.timeline
        return [] if timeline is None else [timeline[i] for i in range(len(timeline))]
