#!/usr/bin/env bash
# Set CraftRoute up on a fresh machine (Python 3.11 + pip + root) and run it.
#
#   bash scripts/run.sh serve [craftroute serve options]   set up, then start http://127.0.0.1:5000
#   bash scripts/run.sh test  [pytest options]             set up (with test tools), then run every test
#
# Set-up is idempotent: a second run only checks what is there.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV=${CRAFTROUTE_VENV:-$ROOT/.venv}
PY=${PYTHON:-python3}

log() { printf '\n==> %s\n' "$*" >&2; }

need_root_apt() {
  # apt-get install the Debian packages given, only those that are missing.
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

setup_python() {
  local extras=$1
  if [ ! -x "$VENV/bin/python" ]; then
    log "creating virtual environment $VENV"
    "$PY" -m venv "$VENV"
  fi
  log "installing craftroute[$extras] (pip)"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e ".[$extras]"
}

setup_web_assets() {
  # $1 = "required" (tests need the files) or "optional" (the app falls back to CDNs).
  log "fetching map JavaScript/CSS into web/static/vendor (npm registry)"
  if command -v npm >/dev/null 2>&1 || need_root_apt npm; then
    "$VENV/bin/python" -m web.vendor && return 0
  fi
  [ "$1" = "optional" ] || { echo "error: could not fetch the map assets" >&2; exit 1; }
  log "could not fetch the map assets: maps will load Leaflet from public CDNs"
}

build_graph_cache() {
  log "building the road graph cache (once; later runs reuse it)"
  "$VENV/bin/craftroute" build-graph || log "no road data: routes will be labelled estimates"
}

cmd=${1:-serve}
shift || true
case "$cmd" in
  serve)
    need_root_apt libcairo2
    setup_python "test,online"
    setup_web_assets optional
    build_graph_cache
    log "starting CraftRoute"
    exec "$VENV/bin/craftroute" serve "$@"
    ;;
  test)
    need_root_apt chromium chromium-driver postgresql libcairo2 redis-server
    setup_python "test,dev,online"
    setup_web_assets required
    log "static checks: ruff, mypy"
    "$VENV/bin/ruff" check .
    "$VENV/bin/mypy"
    log "running the test suite"
    set +e
    "$VENV/bin/python" -m pytest "$@"
    status=$?
    set -e
    if [ "$status" -eq 5 ]; then
      echo "error: pytest collected no tests" >&2
      exit 1
    fi
    exit "$status"
    ;;
  *)
    echo "usage: bash scripts/run.sh serve|test [options]" >&2
    exit 2
    ;;
esac
