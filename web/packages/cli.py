"""The ``operator``, ``db`` and ``packages`` subcommands: accounts, schema, export and import.

Light at import (argparse only); each handler builds the app (``create_app``: instance
folder from ``CRAFTROUTE_INSTANCE``, database from ``DATABASE_URL``) inside its body.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geodata.errors import CraftRouteError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``operator``, ``db`` and ``packages`` to the ``craftroute`` parser."""
    operator = subparsers.add_parser("operator", help="tour operator accounts and API tokens",
                                     description="Manage tour operators (DATABASE_URL selects the database).")
    actions = operator.add_subparsers(dest="action", metavar="ACTION", required=True,
                                      parser_class=type(operator))
    add = actions.add_parser("add", help="create an operator; prints a sign-in link and, last, the API token")
    add.add_argument("email", metavar="EMAIL")
    add.add_argument("--name", help="name shown to customers (default: the part of EMAIL before @)")
    add.add_argument("--password", action="store_true",
                     help="set the password now (asked on the terminal, or one line on stdin)")
    add.set_defaults(func=_handler(run_add))
    token = actions.add_parser("token", help="issue a new API token (the old one stops working)")
    token.add_argument("email", metavar="EMAIL")
    token.set_defaults(func=_handler(run_token))
    listing = actions.add_parser("list", help="list operators, their token prefix and packages")
    listing.set_defaults(func=_handler(run_list))

    db = subparsers.add_parser("db", help="the packages database", description="Bring the schema up to date.")
    db_actions = db.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(db))
    db_actions.add_parser("upgrade", help="run the migrations (also done on first use)").set_defaults(func=run_upgrade)

    packages = subparsers.add_parser("packages", help="export or import every package as JSON")
    package_actions = packages.add_subparsers(dest="action", metavar="ACTION", required=True,
                                              parser_class=type(packages))
    export = package_actions.add_parser("export", help="write all operators and packages as JSON")
    export.add_argument("--output", "-o", help="file to write (default: stdout)")
    export.set_defaults(func=_handler(run_export))
    imported = package_actions.add_parser("import", help="add the packages of an export file")
    imported.add_argument("file", metavar="FILE")
    imported.set_defaults(func=_handler(run_import))


@contextmanager
def _session() -> Iterator[tuple[Session, Any]]:
    from web import create_app
    from web.packages.db import get_database, transaction

    app = create_app()
    try:
        with app.app_context(), transaction(app) as session:
            yield session, app
    finally:
        get_database(app).engine.dispose()


def _handler(run: Callable[[Session, Any, argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def handle(args: argparse.Namespace) -> int:
        with _session() as (session, app):
            return run(session, app, args)
    return handle


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("password: ")
        if getpass.getpass("again: ") != first:
            raise CraftRouteError("--password", "the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\n")


def run_add(session: Session, app: Any, args: argparse.Namespace) -> int:
    """Create the operator; print the sign-in link (without ``--password``) and, last, the token."""
    from web.packages import operators

    password = _read_password() if args.password else None
    operator, token = operators.add_operator(session, args.email, name=args.name, password=password)
    print(f"operator {operator.email} added ({operator.name})")
    if password is None:
        link = operators.issue_signin_link(session, operator.email)
        base = str(app.config["PUBLIC_URL"]).rstrip("/")
        print(f"sign in once at {base}/packages/welcome/{link} to choose a password")
    print(token)
    return 0


def run_token(session: Session, _app: Any, args: argparse.Namespace) -> int:
    """Print a new API token of the operator."""
    from web.packages import operators

    print(operators.issue_token(session, args.email))
    return 0


def run_list(session: Session, _app: Any, _args: argparse.Namespace) -> int:
    """Print one line per operator: email, name, token prefix, packages, created."""
    from web.packages import operators

    for operator, count in operators.list_operators(session):
        print(f"{operator.email}\t{operator.name}\ttoken {operator.token_prefix or '-'}…\t"
              f"{count} packages\tsince {operator.created_utc}")
    return 0


def run_upgrade(_args: argparse.Namespace) -> int:
    """Run the migrations on the configured database and print its revision."""
    from sqlalchemy.engine import make_url

    from web import create_app
    from web.packages import database
    from web.packages.db import get_database

    db = get_database(create_app())
    try:
        revision = database.upgrade(db.engine)
    finally:
        db.engine.dispose()
    print(f"database {make_url(db.url).render_as_string(hide_password=True)} at revision {revision}")
    return 0


def run_export(session: Session, _app: Any, args: argparse.Namespace) -> int:
    """Write every operator and package as one JSON document."""
    from web.packages.transfer import export_document

    text = json.dumps(export_document(session), ensure_ascii=False, indent=2)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0


def run_import(session: Session, _app: Any, args: argparse.Namespace) -> int:
    """Add the operators and packages of an export file, all or nothing."""
    from web.packages.transfer import import_document

    try:
        document = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except OSError as error:
        raise CraftRouteError("FILE", f"cannot read {args.file}: {error.strerror}") from None
    except json.JSONDecodeError as error:
        raise CraftRouteError("FILE", f"{args.file} is not JSON: {error}") from None
    print(f"{import_document(session, document)} packages imported")
    return 0
