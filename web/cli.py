"""The web layer's subcommands: ``serve`` (waitress, or Flask's debug server) and, from
:mod:`web.packages.cli`, ``operator``, ``db`` and ``packages``."""

from __future__ import annotations

import argparse
import errno
import socket
import sys

from geodata.errors import CraftRouteError
from web import settings

MAX_PORT = 65535


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``serve`` subcommand to the ``craftroute`` parser."""
    parser = subparsers.add_parser(
        "serve",
        help="run the web app (maps, trip planner, API)",
        description="Serve CraftRoute's web pages and JSON API with waitress "
                    f"(default http://{settings.DEFAULT_HOST}:{settings.DEFAULT_PORT}/).",
    )
    parser.add_argument("--host", default=settings.DEFAULT_HOST, help="address to listen on (default %(default)s)")
    parser.add_argument("--port", type=int, default=settings.DEFAULT_PORT, help="port (default %(default)s)")
    parser.add_argument("--threads", type=int, default=settings.DEFAULT_THREADS,
                        help="waitress worker threads (default %(default)s)")
    parser.add_argument("--debug", action="store_true", help="use Flask's reloading debug server instead")
    parser.set_defaults(func=run_serve)
    from web.packages import cli as packages_cli

    packages_cli.register(subparsers)


def run_serve(args: argparse.Namespace) -> int:
    """Serve the app until interrupted; return the exit code."""
    if not 0 < args.port <= MAX_PORT:
        raise CraftRouteError("--port", f"must be between 1 and {MAX_PORT}, got {args.port}")
    if args.threads < 1:
        raise CraftRouteError("--threads", f"must be at least 1, got {args.threads}")
    check_address(args.host, args.port)
    from web import create_app

    app = create_app()
    print(f"CraftRoute on http://{args.host}:{args.port}/ (Ctrl+C stops it)", file=sys.stderr)
    if args.debug:
        app.run(host=args.host, port=args.port, debug=True)
        return 0
    import waitress

    waitress.serve(app, host=args.host, port=args.port, threads=args.threads)
    return 0


def check_address(host: str, port: int) -> None:
    """Return nothing if the server can listen on ``host:port``; raise CraftRouteError naming the option otherwise."""
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise CraftRouteError("--host", f"cannot listen on {host!r}: {error}") from None
    family, kind, proto, _, address = addresses[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            field = "--port" if error.errno == errno.EADDRINUSE else "--host"
            raise CraftRouteError(field, f"cannot listen on {host}:{port}: {error.strerror}"
                                         " (is CraftRoute already running? try another --port)") from None
