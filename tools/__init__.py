"""Developer tools: figure drawing and screenshot scripts (run as ``python -m tools.<name>``)."""
