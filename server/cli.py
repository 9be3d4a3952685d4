"""The ``stamp-server`` command line (also ``python -m server``).

``serve`` runs uvicorn; ``migrate`` brings the database to the newest schema; ``init-demo``
creates a demo shop; the admin commands (``merchant``, ``store``, ``stamp-card``, ``stamp``,
``reward``, ``app``, ``terminal``, ``customer``, ``events``) set a shop up. Every command takes
``--database-url``. The embedded SQLite default (in ``$STAMP_SERVER_HOME``) is migrated
automatically by every command; any other database must be migrated with ``stamp-server
migrate`` first, and the commands refuse to run on it until then.

Exit codes: 0 done; 1 unexpected error; 2 bad usage or unknown id; 3 database not migrated.
Results are printed as JSON on standard output, errors as one line on standard error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from server.cli_admin import add_admin_commands, run_admin_command
from server.db.engine import Database
from server.db.migrate import head_revision, is_at_head, upgrade
from server.settings import Settings

EXIT_USAGE = 2
EXIT_NOT_MIGRATED = 3


class NotMigratedError(RuntimeError):
    """The database is not at the newest schema."""


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings.from_env(database_url=args.database_url, public_url=args.public_url)


def ready_database(settings: Settings) -> Database:
    """The database, migrated first when it is the embedded default; else it must be at head."""
    if settings.embedded_database:
        upgrade(settings.database_url)
    db = Database(settings.database_url)
    if not is_at_head(db.engine):
        db.dispose()
        raise NotMigratedError(
            f"the database is not at schema revision {head_revision()}: "
            "run `stamp-server migrate --database-url ...` first"
        )
    return db


def print_json(value: Any) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False))


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn  # noqa: PLC0415  (only serve needs it)

    ready_database(settings).dispose()
    os.environ.update(settings.to_env())
    uvicorn.run(
        "server.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="info",
    )
    return 0


def _migrate(_args: argparse.Namespace, settings: Settings) -> int:
    upgrade(settings.database_url)
    print_json({"revision": head_revision()})
    return 0


def _init_demo(_args: argparse.Namespace, settings: Settings) -> int:
    from server.demo import init_demo  # noqa: PLC0415
    from server.services import utc_now  # noqa: PLC0415
    from server.signing_key import load_or_create_signing_key  # noqa: PLC0415

    db = ready_database(settings)
    try:
        key = load_or_create_signing_key(settings.signing_key_path)
        print_json(init_demo(db, settings.public_url, key, utc_now()))
    finally:
        db.dispose()
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--database-url",
        help="SQLAlchemy URL, e.g. postgresql+psycopg://user@host/db "
        "(default: $STAMP_SERVER_DATABASE_URL or SQLite in $STAMP_SERVER_HOME)",
    )
    common.add_argument(
        "--public-url", help="base of card URLs (default: $STAMP_SERVER_PUBLIC_URL)"
    )
    parser = argparse.ArgumentParser(prog="stamp-server", description="Reference stamp server.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", parents=[common], help="run the HTTP server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--workers", type=int, default=1, help="server processes (default 1)")
    serve.set_defaults(handler=_serve)
    migrate = commands.add_parser("migrate", parents=[common], help="migrate the database")
    migrate.set_defaults(handler=_migrate)
    demo = commands.add_parser("init-demo", parents=[common], help="create a demo shop")
    demo.set_defaults(handler=_init_demo)
    add_admin_commands(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = settings_from(args)
    try:
        if hasattr(args, "handler"):
            code: int = args.handler(args, settings)
            return code
        db = ready_database(settings)
        try:
            return run_admin_command(args, db)
        finally:
            db.dispose()
    except NotMigratedError as exc:
        print(f"stamp-server: {exc}", file=sys.stderr)
        return EXIT_NOT_MIGRATED
    except (LookupError, ValueError) as exc:
        print(f"stamp-server: {exc}", file=sys.stderr)
        return EXIT_USAGE
