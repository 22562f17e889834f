"""Benchmark: property-based fuzzing of the JSON API from its OpenAPI description (Schemathesis).

Loads ``/api/v1/openapi.json`` from the app itself (WSGI, in process, nothing on the
network), then sends ``--requests`` generated requests spread over every operation:
valid and invalid bodies, query strings and path parameters (Schemathesis' positive
and negative modes, Hypothesis underneath). Every answer is checked for a server
error (5xx) and against the document (status documented, content type, body schema,
headers). Packages are fuzzed with a real operator's bearer token; rate limits are
off (they have their own tests).

Prints a table per operation, then one JSON line
``{"requests": N, "server_errors": 0, "schema_violations": 0, "seconds": s}``.
Target: 10,000 requests, 0 server errors, 0 schema violations.

Usage: ``python bench/fuzz.py [--requests 10000] [--seed 1]``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: Checks run on every answer (Schemathesis' response checks).
CHECK_NAMES = ("not_a_server_error", "status_code_conformance", "content_type_conformance",
               "response_schema_conformance", "response_headers_conformance")


def make_app(instance: Path) -> tuple[Any, str]:
    """Return the app (rate limits off, a fresh packages database) and an operator's API token."""
    from web import create_app
    from web.packages import operators
    from web.packages.db import transaction

    app = create_app({"TESTING": True, "PACKAGES_DB": str(instance / "packages.sqlite"),
                      "RATELIMIT_ENABLED": False, "SECRET_KEY": "fuzz"}, instance_path=str(instance))
    with app.app_context(), transaction(app) as session:
        _operator, token = operators.add_operator(session, "fuzz@example.com", name="Fuzz Tours")
    return app, token


def load_checks() -> list[Any]:
    """Return the Schemathesis check functions named in :data:`CHECK_NAMES`."""
    from schemathesis import checks
    from schemathesis.specs.openapi import checks as openapi_checks

    return [getattr(openapi_checks, name, None) or getattr(checks, name) for name in CHECK_NAMES]


def fuzz_operation(operation: Any, *, examples: int, headers: dict[str, str], checks: list[Any],
                   seed: int) -> Counter[str]:
    """Return the counts of requests, server errors and schema violations of ``examples`` cases."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed
    from schemathesis import GenerationMode
    from schemathesis.core.failures import FailureGroup

    counts: Counter[str] = Counter()
    strategy = operation.as_strategy(generation_mode=GenerationMode.POSITIVE) | operation.as_strategy(
        generation_mode=GenerationMode.NEGATIVE)

    @hypothesis_seed(seed)
    @settings(max_examples=examples, deadline=None, database=None, derandomize=False, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def run(case: Any) -> None:
        counts["requests"] += 1
        response = case.call(headers=headers)
        if response.status_code >= 500:
            counts["server_errors"] += 1
            logging.error("%s %s -> %s", case.method, case.formatted_path, response.status_code)
        try:
            case.validate_response(response, checks=checks, headers=headers)
        except FailureGroup as group:
            if response.status_code < 500:
                counts["schema_violations"] += 1
                logging.error("%s %s: %s", case.method, case.formatted_path, str(group)[:2000])

    run()
    return counts


def fuzz(requests: int, *, seed: int = 1) -> tuple[dict[str, Counter[str]], float]:
    """Return the counts per operation label and the seconds the whole run took."""
    import schemathesis

    checks = load_checks()
    with tempfile.TemporaryDirectory() as tmp:
        app, token = make_app(Path(tmp))
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
        operations = [result.ok() for result in schema.get_all_operations()]
        results: dict[str, Counter[str]] = {operation.label: Counter() for operation in operations}
        started = time.perf_counter()
        # Rounds with new seeds until the total is reached: operations with few possible
        # inputs (no parameters) run out of new cases early, the others take up the rest.
        sent, round_seed = 0, seed
        while sent < requests:
            per_operation = max(1, (requests - sent) // len(operations))
            for operation in operations:
                # Uncompressed answers: the in-process WSGI client does not decode Brotli or gzip.
                headers = {"Accept-Encoding": "identity"}
                if "/packages" in operation.path:
                    headers["Authorization"] = f"Bearer {token}"
                results[operation.label] += fuzz_operation(operation, examples=per_operation, headers=headers,
                                                           checks=checks, seed=round_seed)
            now_sent = sum(counts["requests"] for counts in results.values())
            if now_sent == sent:
                break
            sent, round_seed = now_sent, round_seed + 1
        return results, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzing benchmark; print a table and the JSON line. Exit 1 on any failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000, help="requests in all (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="Hypothesis seed")
    args = parser.parse_args(argv)
    if args.requests < 1:
        parser.error("--requests must be at least 1")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    warnings.simplefilter("ignore")
    results, seconds = fuzz(args.requests, seed=args.seed)
    total: Counter[str] = Counter()
    print(f"{'operation':48} {'requests':>9} {'5xx':>5} {'schema':>7}")
    for label, counts in results.items():
        total.update(counts)
        print(f"{label:48} {counts['requests']:>9} {counts['server_errors']:>5} {counts['schema_violations']:>7}")
    summary = {"requests": total["requests"], "server_errors": total["server_errors"],
               "schema_violations": total["schema_violations"], "seconds": round(seconds, 1)}
    print(json.dumps(summary))
    return 0 if summary["server_errors"] == 0 and summary["schema_violations"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
