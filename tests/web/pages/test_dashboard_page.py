"""The planners' dashboard on the register: counts equal an independent spatial join, downloads, notes."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from html import unescape

import geopandas as gpd
import pytest

from geodata import settings
from geodata.register import CRAFTS, filter_register, load_register
from geodata.text import compact_key
from geodata.units import current_unit_polygons

ROW = re.compile(r"<tr><td>([^<]+)</td><td class=\"text-end\">(\d+)</td>")


def table_counts(page: str, table_id: str) -> dict[str, int]:
    """Return ``{name: count}`` of a count table of the page."""
    start = page.index(f'id="{table_id}"')
    body = page[start:page.index("</table>", start)]
    return {unescape(name): int(count) for name, count in ROW.findall(body)}


@pytest.fixture(scope="module")
def register_points() -> gpd.GeoDataFrame:
    """The register read straight from its CSV file (not through the loader) as points."""
    with open(settings.register_path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return gpd.GeoDataFrame(rows, geometry=gpd.points_from_xy([float(r["lon"]) for r in rows],
                                                              [float(r["lat"]) for r in rows]), crs="EPSG:4326")


def test_unit_counts_equal_an_independent_spatial_join(client, register_points, shared_data_dir) -> None:
    page = client.get("/dashboard").get_data(as_text=True)
    shown = table_counts(page, "counts-unit")
    polygons = current_unit_polygons()[["current_unit", "geometry"]].rename(columns={"current_unit": "polygon"})
    joined = gpd.sjoin(register_points[["id", "geometry"]], polygons, predicate="within")
    expected = joined["polygon"].value_counts().to_dict()
    assert shown == expected
    assert sum(shown.values()) == len(register_points)


def test_district_counts_equal_a_join_with_the_gadm_file(client, register_points, shared_data_dir) -> None:
    page = client.get("/dashboard").get_data(as_text=True)
    shown = {compact_key(name): count for name, count in table_counts(page, "counts-district").items()}
    with gzip.open(shared_data_dir / settings.districts_file) as handle:
        districts = gpd.read_file(handle)
    joined = gpd.sjoin(register_points[["id", "geometry"]], districts[["NAME_2", "geometry"]], predicate="within")
    expected = {compact_key(name): count for name, count in joined["NAME_2"].value_counts().items()}
    assert shown == expected


def test_filters_change_the_counts_and_the_map(client, register_points, shared_data_dir) -> None:
    page = client.get("/dashboard", query_string={"tourism": "yes"}).get_data(as_text=True)
    tourism = int((register_points["tourism"] == "true").sum())
    assert f"{tourism} villages shown" in page
    assert sum(table_counts(page, "counts-unit").values()) == tourism


def test_craft_filter_explains_main_and_other_craft_counts(client, register_points) -> None:
    main = register_points["craft"] == "furniture"
    other = register_points["other_crafts"].str.split(";").map(lambda crafts: "furniture" in crafts) & ~main
    assert other.sum() > 0  # the case the note is for
    page = client.get("/dashboard", query_string={"craft": "furniture"}).get_data(as_text=True)
    assert f"{int(main.sum() + other.sum())} villages shown" in page
    note = unescape(page[page.index('id="craft-match"'):page.index("</p>", page.index('id="craft-match"'))])
    assert f"{int(main.sum())} villages have it as their main craft and {int(other.sum())} more" in note
    only_main = client.get("/dashboard", query_string={"craft": "furniture", "match": "main"}).get_data(as_text=True)
    assert f"{int(main.sum())} villages shown" in only_main


def test_every_craft_shown_has_a_legend_entry_with_its_own_colour(client) -> None:
    page = client.get("/dashboard").get_data(as_text=True)
    legend = page[page.index('id="craft-legend"'):page.index("</ul>", page.index('id="craft-legend"'))]
    colours = re.findall(r"background:(#[0-9A-Fa-f]{6})", legend)
    assert len(colours) == len(set(load_register()["craft"])) == len(set(colours))
    for craft in set(load_register()["craft"]):
        assert CRAFTS[craft] in unescape(legend)


def test_coverage_statement_says_what_the_register_holds(client, register_points) -> None:
    page = unescape(client.get("/dashboard").get_data(as_text=True))
    centroids = int((register_points["coord_source"] == "commune_centroid").sum())
    assert f"This register lists {len(register_points)} craft villages" in page
    assert f"Positions: {centroids} commune centroids, {len(register_points) - centroids} at village level" in page
    assert "not a census" in page


@pytest.mark.parametrize("extension", ["csv", "geojson", "gpkg"])
def test_downloads_hold_what_is_shown(client, extension, shared_data_dir, tmp_path) -> None:
    filters = {"district": "Thường Tín", "status": "recognised"}
    response = client.get(f"/dashboard/export.{extension}", query_string=filters)
    assert response.status_code == 200
    assert f'filename="craftroute-register.{extension}"' in response.headers["Content-Disposition"]
    if extension == "csv":
        ids = [row["id"] for row in csv.DictReader(io.StringIO(response.get_data(as_text=True)))]
    elif extension == "geojson":
        ids = [feature["id"] for feature in json.loads(response.data)["features"]]
    else:
        path = tmp_path / "shown.gpkg"
        path.write_bytes(response.data)
        villages = gpd.read_file(path, layer="villages")
        units = gpd.read_file(path, layer="current_units")
        ids = list(villages["id"])
        assert int(units["place_count"].sum()) == len(ids)
    expected = filter_register(load_register(), district="Thường Tín", recognised=True)
    assert sorted(ids) == sorted(expected.index) and ids


def test_dashboard_in_vietnamese(client) -> None:
    page = client.get("/dashboard", query_string={"lang": "vi"}).get_data(as_text=True)
    assert "Danh mục làng nghề" in page and "Theo nghề chính" in page and "không phải tổng điều tra" in page


@pytest.mark.parametrize("args", [{"craft": "plastic"}, {"tourism": "maybe"}, {"match": "x"}])
def test_bad_filter_is_a_400_page(client, args) -> None:
    response = client.get("/dashboard", query_string=args)
    assert response.status_code == 400


def test_each_area_layer_has_a_legend_beside_the_map(client, shared_data_dir) -> None:
    page = unescape(client.get("/dashboard").get_data(as_text=True))
    legends = page[page.index('id="area-legends"'):page.index('id="craft-legend"')]
    for title in ("Villages per current commune/ward (derived polygons)", "Villages per former district",
                  "Villages per former commune"):
        assert title in legends
    assert "d3.scale" not in page  # legends need no script that the offline assets lack


def test_text_from_the_register_file_is_escaped(tmp_path, shared_data_dir) -> None:
    from web import create_app

    hostile = '<script>alert("x")</script>'
    with open(settings.register_path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows, fields = list(reader), reader.fieldnames
    for field in ("name_vi", "former_commune", "village", "source"):
        rows[0][field] = f"{rows[0][field]} {hostile}"
    path = tmp_path / "register.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    app = create_app({"TESTING": True, "REGISTER_PATH": str(path), "PACKAGES_DB": str(tmp_path / "p.sqlite")})
    page = app.test_client().get("/dashboard").get_data(as_text=True)
    assert hostile not in page and "<script>alert" not in page
    # escaped for HTML in the popup text, then made JSON-safe in the map script
    assert "\\u0026lt;script\\u0026gt;" in page
