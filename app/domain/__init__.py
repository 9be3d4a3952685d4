"""app/domain."""
