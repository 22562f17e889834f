"""``craftroute serve``: options and their errors (the server itself runs in bench/web.py)."""

from __future__ import annotations

import pytest

from craftroute.cli import build_parser, main
from web import settings


def test_serve_defaults_to_localhost_5000() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.debug) == (settings.DEFAULT_HOST, settings.DEFAULT_PORT, False)


@pytest.mark.parametrize(("argv", "option"), [(["--port", "70000"], "--port"), (["--port", "0"], "--port"),
                                              (["--threads", "0"], "--threads")])
def test_serve_rejects_bad_options_in_one_line(argv, option, capsys) -> None:
    assert main(["serve", *argv]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and option in error


def test_serve_on_a_busy_port_says_so_in_one_line(capsys) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "--port" in error and "already in use" in error


def test_serve_on_an_unknown_host_names_the_host(capsys) -> None:
    assert main(["serve", "--host", "no-such-host.invalid"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "--host" in error
