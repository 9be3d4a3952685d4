"""Offline-first sync of the outbox to the stamp server."""
