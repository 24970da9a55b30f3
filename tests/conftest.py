"""Shared test set-up: Qt runs headless, and Qt warnings fail the run."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
