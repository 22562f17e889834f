"""The installable app (manifest, icons, service worker) and the plan's QR code for a phone."""

from __future__ import annotations

import io
import json
import re
from html import unescape
from urllib.parse import unquote

import pytest
from PIL import Image

TRIP = {"start": "Ho Hoan Kiem", "days": "2", "date": "2026-12-01", "mode": "motorbike"}


def test_pages_link_the_manifest_and_register_the_worker(client) -> None:
    page = client.get("/packages/signin").get_data(as_text=True)
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert 'src="/static/pwa.js" data-sw="/sw.js" data-scope="/"' in page
    assert "user-scalable=no" not in page


def test_manifest_names_the_app_and_its_icons_are_pngs_of_their_size(client) -> None:
    response = client.get("/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json()
    assert manifest["name"].startswith("CraftRoute") and manifest["short_name"] == "CraftRoute"
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    pngs = [icon for icon in manifest["icons"] if icon["type"] == "image/png"]
    assert {icon["sizes"] for icon in pngs} >= {"192x192", "512x512"}
    for icon in pngs:
        image = Image.open(io.BytesIO(client.get(icon["src"]).data))
        assert f"{image.width}x{image.height}" == icon["sizes"]
        assert image.getpixel((image.width // 2, image.height // 2))[:3] != (0, 0, 0)
    assert client.get("/icons/64.png").status_code == 404
    assert client.get("/manifest.webmanifest", query_string={"lang": "vi"}).get_json()["lang"] == "vi"


@pytest.mark.slow
def test_service_worker_is_served_at_the_root_with_what_it_keeps(client, shared_data_dir) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert "no-cache" in response.headers["Cache-Control"]
    text = response.get_data(as_text=True)
    config = re.match(r"self\.CRAFTROUTE_SW = (\{.*\});\n", text)
    assert config is not None
    settings = json.loads(config.group(1))
    assert {"/", "/static/basemap.js", "/static/vendor/leaflet/leaflet.js", "/basemap/0.geojson",
            "/basemap/2.geojson", "/icons/192.png"} <= set(settings["precache"])
    assert not any(url.startswith("/api/") for url in settings["precache"])
    assert settings["networkOnly"] == ["/api/"] and settings["planPath"] == "/plan"
    for url in settings["precache"]:
        with client.get(url) as kept:
            assert kept.status_code == 200, url
    assert "addEventListener('fetch'" in text


def _decode_qr(page: str) -> str:
    """Return the text of the page's ``#plan-qr`` image, drawn by CairoSVG and read by zxing-cpp."""
    import cairosvg
    import zxingcpp

    src = re.search(r'<img id="plan-qr" src="([^"]+)"', page)
    assert src is not None
    svg = unquote(unescape(src.group(1)).split(",", 1)[1])
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=400)
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(results) == 1 and results[0].format == zxingcpp.BarcodeFormat.QRCode
    return results[0].text


@pytest.mark.slow
def test_plan_and_print_pages_show_a_qr_code_of_the_plan_link(client, shared_data_dir) -> None:
    plan_page = client.get("/plan", query_string=TRIP).get_data(as_text=True)
    expected = "http://localhost/plan?start=Ho+Hoan+Kiem&days=2&date=2026-12-01&mode=motorbike"
    assert _decode_qr(plan_page) == expected
    assert 'id="saved-copy" hidden' in plan_page and '<time datetime="20' in plan_page
    print_page = client.get("/plan/print", query_string=TRIP).get_data(as_text=True)
    assert _decode_qr(print_page) == expected
