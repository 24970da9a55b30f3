"""Yaotong: a desktop reference for the four TCM back-pain patterns."""

__version__ = "0.1.0"
