"""Run the ``craftroute`` command in-process, as the CLI tests of every package do."""

from __future__ import annotations

import pytest

from craftroute.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Return the exit code, stdout and stderr of ``craftroute *argv``."""
    try:
        code = main(list(argv))
    except SystemExit as stop:  # argparse errors exit 2 from inside main
        code = int(stop.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err
