"""The kiosk user interface (PySide6). Only this package imports Qt."""
