"""``craftroute serve``: options and their errors (the server itself runs in bench/web.py)."""

from __future__ import annotations

import pytest

from web import settings
from web.cli import build_parser, main


def test_serve_defaults_to_localhost_5000() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.debug) == (settings.DEFAULT_HOST, settings.DEFAULT_PORT, False)


@pytest.mark.parametrize(("argv", "option"), [(["--port", "70000"], "--port"), (["--port", "0"], "--port"),
                                              (["--threads", "0"], "--threads")])
def test_serve_rejects_bad_options_in_one_line(argv, option, capsys) -> None:
    assert main(["serve", *argv]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and option in error
