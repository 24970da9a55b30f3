"""Command-line commands, one module per group; see app.cli."""
