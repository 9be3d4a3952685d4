"""Business rules: applying events, geography."""
