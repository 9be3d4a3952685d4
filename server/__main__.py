"""``python -m server`` runs the ``stamp-server`` command line."""

from server.cli import main

raise SystemExit(main())
