"""web.vendor: which files the map pages need and how they are taken out of npm archives."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from web import vendor


def _archive(path: Path, files: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_extract_copies_files_and_folders(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "leaflet.tgz", {"dist/leaflet.js": b"L", "dist/images/a.png": b"png",
                                                  "README.md": b"r"})
    vendor._extract(archive, {"dist/leaflet.js": "leaflet/leaflet.js", "dist/images": "leaflet/images"},
                    tmp_path / "out")
    assert (tmp_path / "out/leaflet/leaflet.js").read_bytes() == b"L"
    assert (tmp_path / "out/leaflet/images/a.png").read_bytes() == b"png"
    assert not (tmp_path / "out/README.md").exists()


def test_extract_names_a_missing_file(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "x.tgz", {"dist/other.js": b""})
    with pytest.raises(RuntimeError, match="has no dist/leaflet.js"):
        vendor._extract(archive, {"dist/leaflet.js": "leaflet/leaflet.js"}, tmp_path / "out")


def test_extract_refuses_an_entry_that_climbs_out_of_its_folder(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "evil.tgz", {"dist/images/../../../../escaped.txt": b"x"})
    with pytest.raises(RuntimeError, match="points outside leaflet/images"):
        vendor._extract(archive, {"dist/images": "leaflet/images"}, tmp_path / "out")
    assert not (tmp_path / "escaped.txt").exists()


def test_vendor_complete_needs_every_file(tmp_path: Path) -> None:
    assert not vendor.vendor_complete(tmp_path)


def test_missing_npm_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="npm-that-does-not-exist` not found"):
        vendor.fetch_vendor(tmp_path, npm="npm-that-does-not-exist")
