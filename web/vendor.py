"""Fetch the JavaScript and CSS that Folium maps and the API reference need into ``web/static/vendor``.

Folium pages load Leaflet and its plugins from CDNs by default; CraftRoute serves
them itself so that maps work offline and in CI. The files come from the npm
registry (``npm pack``) at install time and are not committed::

    python -m web.vendor            # what README and .ci/run call
    python -m web.vendor --force    # fetch again even if present

The Leaflet.heat plugin and the awesome-marker rotation CSS ship inside Folium
itself and are copied from its package folder.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import folium

from web import settings

logger = logging.getLogger(__name__)

#: npm package spec -> files or folders to copy (path inside the package -> path under vendor/).
NPM_FILES: dict[str, dict[str, str]] = {
    f"leaflet@{settings.LEAFLET_VERSION}": {
        "dist/leaflet.js": "leaflet/leaflet.js",
        "dist/leaflet.css": "leaflet/leaflet.css",
        "dist/images": "leaflet/images",
    },
    "leaflet.markercluster@1.5.3": {
        "dist/leaflet.markercluster.js": "markercluster/leaflet.markercluster.js",
        "dist/MarkerCluster.css": "markercluster/MarkerCluster.css",
        "dist/MarkerCluster.Default.css": "markercluster/MarkerCluster.Default.css",
    },
    "leaflet.awesome-markers@2.0.5": {
        "dist/leaflet.awesome-markers.js": "awesome-markers/leaflet.awesome-markers.js",
        "dist/leaflet.awesome-markers.css": "awesome-markers/leaflet.awesome-markers.css",
        "dist/images": "awesome-markers/images",
    },
    "@fortawesome/fontawesome-free@6.2.0": {
        "css/all.min.css": "fontawesome/css/all.min.css",
        "webfonts": "fontawesome/webfonts",
    },
    "bootstrap@5.2.2": {
        "dist/js/bootstrap.bundle.min.js": "bootstrap/bootstrap.bundle.min.js",
        "dist/css/bootstrap.min.css": "bootstrap/bootstrap.min.css",
    },
    "jquery@3.7.1": {
        "dist/jquery.min.js": "jquery/jquery.min.js",
    },
    # The API reference page (/api/docs).
    "swagger-ui-dist@5.32.0": {
        "swagger-ui-bundle.js": "swagger-ui/swagger-ui-bundle.js",
        "swagger-ui.css": "swagger-ui/swagger-ui.css",
    },
}

#: Files shipped inside the installed Folium package (its ``templates`` folder).
FOLIUM_FILES: dict[str, str] = {
    "leaflet_heat.min.js": "heat/leaflet_heat.min.js",
}


def vendor_complete(vendor_dir: Path) -> bool:
    """Return whether every vendored file is present in ``vendor_dir``."""
    targets = [t for files in NPM_FILES.values() for t in files.values()]
    targets += list(FOLIUM_FILES.values())
    return all((vendor_dir / target).exists() for target in targets)


def fetch_vendor(vendor_dir: Path, *, force: bool = False, npm: str = "npm") -> Path:
    """Return ``vendor_dir`` after filling it with the map JavaScript and CSS.

    Parameters
    ----------
    vendor_dir
        Destination folder, normally ``web/static/vendor``.
    force
        Fetch again even when every file is already there.
    npm
        The npm executable.

    Raises
    ------
    RuntimeError
        If npm is missing or a package cannot be fetched.
    """
    if vendor_complete(vendor_dir) and not force:
        logger.info("vendor files already present in %s", vendor_dir)
        return vendor_dir
    if shutil.which(npm) is None:
        msg = f"`{npm}` not found: install Node.js/npm (e.g. `apt-get install -y npm`) and retry"
        raise RuntimeError(msg)
    vendor_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for spec, files in NPM_FILES.items():
            archive = _npm_pack(spec, Path(tmp), npm=npm)
            _extract(archive, files, vendor_dir)
    templates = Path(folium.__file__).parent / "templates"
    for source, target in FOLIUM_FILES.items():
        (vendor_dir / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(templates / source, vendor_dir / target)
    return vendor_dir


def _npm_pack(spec: str, workdir: Path, *, npm: str) -> Path:
    result = subprocess.run(
        [npm, "pack", spec, "--silent", "--pack-destination", str(workdir)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        msg = f"`npm pack {spec}` failed: {result.stderr.strip()[-500:]}"
        raise RuntimeError(msg)
    return workdir / result.stdout.strip().splitlines()[-1]


def _extract(archive: Path, files: dict[str, str], vendor_dir: Path) -> None:
    with tarfile.open(archive, "r:gz") as tar:
        members = tar.getmembers()
        for source, target in files.items():
            prefix = f"package/{source}"
            chosen = [m for m in members if m.isfile() and (m.name == prefix or m.name.startswith(prefix + "/"))]
            if not chosen:
                msg = f"{archive.name} has no {source}"
                raise RuntimeError(msg)
            for member in chosen:
                relative = member.name[len(prefix):].lstrip("/")
                destination = vendor_dir / target / relative if relative else vendor_dir / target
                if not destination.resolve().is_relative_to((vendor_dir / target).resolve()):
                    msg = f"{archive.name} entry {member.name!r} points outside {target}"
                    raise RuntimeError(msg)
                destination.parent.mkdir(parents=True, exist_ok=True)
                extracted = tar.extractfile(member)
                assert extracted is not None
                destination.write_bytes(extracted.read())


def main(argv: list[str] | None = None) -> int:
    """Fetch the vendor files and return an exit code (0 on success, 1 on failure)."""
    parser = argparse.ArgumentParser(prog="python -m web.vendor", description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="fetch even if the files are present")
    parser.add_argument("--dest", type=Path, default=settings.VENDOR_DIR, help="destination folder")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        fetch_vendor(args.dest, force=args.force)
    except RuntimeError as error:
        print(f"web.vendor: error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
