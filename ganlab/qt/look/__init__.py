"""How the app looks and remembers: the projector look, bigger plots, the key overlay and the saved preferences."""
