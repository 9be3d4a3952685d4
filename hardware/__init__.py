"""Devices that turn what a customer presents into scans: cameras, NFC readers, scanners.

Nothing here imports Qt. Each device runs its blocking I/O on a thread it owns and reports
through plain callbacks; the user interface adapts those to its own event loop.
"""
