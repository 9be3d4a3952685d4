"""Migration steps, one file per revision."""
