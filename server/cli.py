"""The ``stamp-server`` command line (also ``python -m server``).

``serve`` runs uvicorn; ``migrate`` brings the database to the newest schema; ``init-demo``
creates a demo shop; the admin commands (``merchant``, ``store``, ``stamp-card``, ``stamp``,
``reward``, ``app``, ``terminal``, ``customer``, ``events``) set a shop up. Every command takes
``--database-url`` and ``--config FILE`` (``server.config_file``: flags win over the
environment, the environment over the file). The embedded SQLite default (in
``$STAMP_SERVER_HOME``) is migrated automatically by every command; any other database must be
migrated with ``stamp-server migrate`` first, and the commands refuse to run on it until then.
``serve`` stops gracefully on SIGTERM: it stops accepting connections, finishes the requests in
flight (at most ``--graceful-timeout`` seconds) and exits 0.

Exit codes: 0 done; 1 unexpected error; 2 bad usage or unknown id; 3 database not migrated.
Results are printed as JSON on standard output, errors as one line on standard error.
"""

from __future__ import annotations

import argparse
import json
import logging
import logging.config
import os
import signal
import sys
from collections.abc import Sequence
from types import FrameType
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from app import __version__
from server.cli_admin import add_admin_commands, run_admin_command
from server.config_file import configured_environment
from server.db.engine import Database
from server.db.migrate import head_revision, is_at_head, upgrade
from server.logging_setup import LOG_FORMATS, log_line, logging_config
from server.serve_options import ServeOptions
from server.settings import Settings

EXIT_USAGE = 2
EXIT_NOT_MIGRATED = 3


log = logging.getLogger("server.cli")


class NotMigratedError(RuntimeError):
    """The database is not at the newest schema."""


class StopRequested(Exception):
    """SIGTERM, passed on by uvicorn once it has shut down gracefully."""


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings.from_env(
        configured_environment(args.config),
        database_url=args.database_url,
        public_url=args.public_url,
    )


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
    options = ServeOptions.from_env(
        configured_environment(args.config),
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_format=args.log_format,
        graceful_timeout=args.graceful_timeout,
    )
    code, problem = _database_problem(settings)
    if problem:
        print(log_line(options.log_format, logging.ERROR, log.name, problem), file=sys.stderr)
        return code
    import uvicorn  # noqa: PLC0415  (only serve needs it)

    config = logging_config(options.log_format)
    logging.config.dictConfig(config)
    log.info(
        "stamp-server %s: database %s, public URL %s, %d worker(s)",
        __version__,
        make_url(settings.database_url).render_as_string(hide_password=True),
        settings.public_url,
        options.workers,
    )
    os.environ.update(settings.to_env())
    # uvicorn handles SIGTERM itself while it runs (graceful stop), then restores this handler
    # and raises the signal again: here that ends the command with exit code 0, not a kill.
    previous = signal.signal(signal.SIGTERM, _stop_requested)
    try:
        uvicorn.run(
            "server.app:app_from_env",
            factory=True,
            host=options.host,
            port=options.port,
            workers=options.workers,
            log_config=config,
            log_level="info",
            access_log=False,  # server.access logs each request (server.access_log)
            timeout_graceful_shutdown=options.graceful_timeout,
        )
    except StopRequested:
        log.info("Stopped")
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0


def _database_problem(settings: Settings) -> tuple[int, str | None]:
    """(exit code, message) when the server cannot start on its database, else (0, None)."""
    try:
        ready_database(settings).dispose()
    except NotMigratedError as exc:
        return EXIT_NOT_MIGRATED, str(exc)
    except OperationalError as exc:
        return 1, unreachable(exc)
    return 0, None


def unreachable(exc: OperationalError) -> str:
    """What to say when the database refuses or cannot be reached (no URL, no password)."""
    return (
        f"the database cannot be reached ({type(exc.orig).__name__}): check the database URL "
        "and that the database server runs"
    )


def _stop_requested(_signum: int, _frame: FrameType | None) -> None:
    raise StopRequested


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
    common.add_argument(
        "--config",
        metavar="FILE",
        help="TOML configuration file (default: $STAMP_SERVER_CONFIG); "
        "the environment overrides it, options override both",
    )
    parser = argparse.ArgumentParser(prog="stamp-server", description="Reference stamp server.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", parents=[common], help="run the HTTP server")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 8080)")
    serve.add_argument("--workers", type=int, help="server processes (default 1)")
    serve.add_argument(
        "--log-format", choices=LOG_FORMATS, help="text (default) or json: one object a line"
    )
    serve.add_argument(
        "--graceful-timeout",
        type=int,
        metavar="SECONDS",
        help="on SIGTERM, how long requests in flight may take to finish (default 30)",
    )
    serve.set_defaults(handler=_serve)
    migrate = commands.add_parser("migrate", parents=[common], help="migrate the database")
    migrate.set_defaults(handler=_migrate)
    demo = commands.add_parser("init-demo", parents=[common], help="create a demo shop")
    demo.set_defaults(handler=_init_demo)
    add_admin_commands(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = settings_from(args)
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
    except OperationalError as exc:
        print(f"stamp-server: {unreachable(exc)}", file=sys.stderr)
        return 1
    except (LookupError, ValueError) as exc:
        print(f"stamp-server: {exc}", file=sys.stderr)
        return EXIT_USAGE
