"""Stamp terminal: offline-first loyalty stamping at the counter."""

__version__ = "0.1.0"
