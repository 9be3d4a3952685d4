"""app/policy."""
