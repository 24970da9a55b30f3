"""Developer tools: figure drawing and screenshots (``python -m tools.<name>``)."""
