"""Data a user brings: loaders for their own files (no Qt, no network)."""
