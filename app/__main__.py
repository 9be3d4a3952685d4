"""``python -m app`` runs the ``stamp-terminal`` command line."""

from app.cli import main

main()
