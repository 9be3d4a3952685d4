"""HTTP endpoints of the stamp server."""
