"""The 2-D plane (issue 12): targets with exact densities, plane metrics, settings, trainer and snapshot. No Qt."""
