"""The application layer: kinds of run, presets, the training loop, its protocol, lessons. No Qt here."""
