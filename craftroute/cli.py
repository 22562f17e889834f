"""The ``craftroute`` command: one entry point whose subcommands come from each package.

Each layer contributes a ``register(subparsers)`` function in its own ``cli`` module
(``geodata.cli``, ``planner.cli``, ``web.cli``); every subcommand stores its handler in
``func``. Those modules import only light code at start-up, so ``--help`` and usage
errors answer at once; heavy libraries load inside the handler that needs them. User errors (:class:`geodata.errors.CraftRouteError`) and bad arguments
become one line on stderr and exit code 2; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from geodata.errors import CraftRouteError

#: Modules whose ``register(subparsers)`` adds subcommands, in help order.
COMMAND_MODULES: tuple[str, ...] = (
    "geodata.cli",
    "geodata.register_cli",
    "geodata.calendar.cli",
    "planner.cli",
    "web.cli",
)

EXIT_USAGE = 2


class OneLineParser(argparse.ArgumentParser):
    """An argument parser that reports a bad argument in one line and exits with 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print ``craftroute <cmd>: error: message`` on stderr and exit with code 2."""
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """Return the ``craftroute`` parser with every package's subcommands."""
    parser = OneLineParser(
        prog="craftroute",
        description="Plan, explore and survey visits to Hanoi's craft villages.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    subparsers = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=OneLineParser, required=True
    )
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``craftroute`` command and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.func(args) or 0)
    except CraftRouteError as error:
        print(f"craftroute {args.command}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`craftroute matrix | head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
