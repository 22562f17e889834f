"""The ``craftroute`` command: one entry point that every layer registers its subcommands with.

It owns argument parsing, logging set-up and the translation of user errors into one
line on stderr and exit code 2. It imports no layer at start-up beyond each layer's
light command module (``geodata.cli``, ``planner.cli``, ``web.cli``); those import
their heavy libraries only inside the handler that runs.
"""
