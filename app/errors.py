"""Errors the terminal can meet, each with a message for the person who has to act on it.

The tree::

    StampTerminalError
    ├── ConfigError          a configuration key is unknown or its value is wrong
    └── StoreError           the local database cannot be used
        ├── StoreUnavailable the file cannot be opened or written (permissions, disk, path)
        ├── StoreCorrupt     the file is not a usable database; it is never replaced silently
        └── StoreTooNew      the file was written by a newer version of the terminal

Policy refusals (a duplicate scan, a limit reached, a payload that is not a card) are not
exceptions: they are ordinary results that the counter shows.
"""

from __future__ import annotations


class StampTerminalError(Exception):
    """Base of every error the terminal reports to a person."""


class ConfigError(StampTerminalError):
    """A configuration key is unknown or has a bad value; the message names the key."""


class StoreError(StampTerminalError):
    """The local database cannot be used."""


class StoreUnavailable(StoreError):
    """The database file cannot be opened or written."""


class StoreCorrupt(StoreError):
    """The database file is damaged or is not a terminal database."""


class StoreTooNew(StoreError):
    """The database was written by a newer terminal version than this one."""
