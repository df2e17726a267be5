"""One module per view; each draws Snapshots and holds no training logic."""
