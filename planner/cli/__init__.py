"""The planner's subcommands: ``build-graph``, ``route``, ``matrix``, ``coverage``, ``plan``.

Registered with the ``craftroute`` command (:mod:`craftroute.cli`) through
:func:`register`. These modules import only argument parsing and settings at start-up;
each handler imports the routing or itinerary code it runs.
"""

from __future__ import annotations

import argparse

from . import plan, routing


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the planner's subcommands to the ``craftroute`` parser."""
    routing.register(subparsers)
    plan.register(subparsers)
