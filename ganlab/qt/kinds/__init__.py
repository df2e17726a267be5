"""The Qt side of each kind of run: one view per row of the run-kinds table (ganlab.app.kinds)."""
