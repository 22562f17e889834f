"""Finding a start offline: addresses and street names of the real road file, places, points."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest

from geodata.errors import CraftRouteError, NotFoundError
from geodata.loader import load_places
from planner import settings
from planner.geocode import parse_address, resolve_start, suggest
from planner.geocode.online import nominatim_suggestions
from planner.geocode.search import nearest_street
from planner.geocode.store import load_streets, street_index_path
from planner.geocode.streets import StreetIndex, street_label


@pytest.fixture(scope="module")
def places() -> gpd.GeoDataFrame:
    return load_places()


@pytest.fixture(scope="module")
def streets(shared_osm_file: Path, isolated_cache_dir: Path) -> StreetIndex:
    return load_streets(osm_path=shared_osm_file, cache_dir=isolated_cache_dir)


@pytest.mark.parametrize(("text", "house", "street"), [
    ("36 Hàng Bạc", "36", "Hàng Bạc"),
    ("số 36 phố Hàng Bạc", "36", "phố Hàng Bạc"),
    ("12B Hang Bac, Hoan Kiem, Ha Noi", "12B", "Hang Bac"),
    ("36/2 Hàng Bạc", "36/2", "Hàng Bạc"),
    ("Hàng Bạc", "", "Hàng Bạc"),
    ("Ngõ 12 Đào Tấn", "", "Ngõ 12 Đào Tấn"),
])
def test_house_numbers_are_split_off(text: str, house: str, street: str) -> None:
    address = parse_address(text)
    assert (address.house, address.street) == (house, street)


def test_street_labels_drop_the_generic_word() -> None:
    assert street_label("Phố Hàng Bạc") == "Hàng Bạc"
    assert street_label("Đường Láng") == "Đường Láng"  # one word left would be too bare
    assert street_label("Ngõ 12 Đào Tấn") == "Ngõ 12 Đào Tấn"


@pytest.mark.parametrize(("text", "name"), [
    ("36 Hàng Bạc", "36 Hàng Bạc"),
    ("hang bac", "Hàng Bạc"),
    ("36 Hang Bac, Hoan Kiem, Ha Noi", "36 Hàng Bạc"),
    ("Hang Bac Street", "Hàng Bạc"),
    ("so 12B pho hang bac", "12B Hàng Bạc"),
])
def test_addresses_and_street_names_find_the_street(places: gpd.GeoDataFrame, streets: StreetIndex,
                                                    text: str, name: str) -> None:
    found = resolve_start(text, places, streets=streets)
    assert found.name == name and found.kind == "point"
    # the point lies on Hàng Bạc itself, in the Old Quarter
    assert nearest_street(streets, found.lat, found.lon, max_m=5.0) == ("Hàng Bạc", pytest.approx(0.0, abs=5.0))
    assert 21.030 < found.lat < 21.037 and 105.848 < found.lon < 105.856


def test_place_names_win_over_streets_of_the_same_name(places: gpd.GeoDataFrame, streets: StreetIndex) -> None:
    assert resolve_start("bat trang", places, streets=streets).id == "bat-trang"
    labels = [(item.kind, item.label) for item in suggest("Bát Tràng", places=places, streets=streets)]
    assert labels[0] == ("place", "Bát Tràng") and ("street", "Bát Tràng") in labels


def test_a_loose_text_shared_by_several_streets_asks_which(places: gpd.GeoDataFrame, streets: StreetIndex) -> None:
    with pytest.raises(CraftRouteError, match="matches several places or streets") as caught:
        resolve_start("hang b", places, streets=streets)
    assert caught.value.field == "start"


def test_hotels_are_not_in_the_road_file_but_in_the_landmarks(places: gpd.GeoDataFrame,
                                                               streets: StreetIndex) -> None:
    # the shared file holds roads only (highway=* ways): no hotel is named in it
    assert not any("metropole" in key for key in streets.keys.tolist())
    with pytest.raises(NotFoundError, match="no place, hotel, station or street matches"):
        resolve_start("Sofitel Legend Metropole Hanoi", places, streets=streets, landmarks=())
    assert resolve_start("Sofitel Legend Metropole Hanoi", places, streets=streets).name == \
        "Sofitel Legend Metropole Hanoi"


def test_suggestions_while_typing(places: gpd.GeoDataFrame, streets: StreetIndex) -> None:
    found = suggest("36 hang ba", places=places, streets=streets, limit=5)
    assert "36 Hàng Bạc" in [item.value for item in found] and "36 Hàng Bài" in [item.label for item in found]
    assert suggest("36 hang bac", places=places, streets=streets)[0].label == "36 Hàng Bạc"
    assert all(item.kind == "street" for item in found)  # a house number names an address
    assert len({item.label for item in suggest("hang", places=places, streets=streets, limit=8)}) == 8


def test_a_point_is_named_after_its_street(places: gpd.GeoDataFrame, streets: StreetIndex) -> None:
    index = int(np.flatnonzero(streets.label == "Hàng Bạc")[0])
    on_street = f"{streets.lat[index]:.5f},{streets.lon[index]:.5f}"
    assert resolve_start(on_street, places, streets=streets).name == "Hàng Bạc"
    # the middle of Hoàn Kiếm Lake is more than REVERSE_MAX_M from any street: it keeps its coordinates
    assert resolve_start("21.0288,105.8525", places, streets=streets).name == "21.02880, 105.85250"


def test_the_index_is_cached_with_a_version(shared_osm_file: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    built = load_streets(osm_path=shared_osm_file, cache_dir=tmp_path)
    files = list(tmp_path.glob("streets-v*.npz"))
    assert len(files) == 1 and files[0].name.startswith(f"streets-v{settings.STREET_INDEX_VERSION}-")
    again = load_streets(osm_path=shared_osm_file, cache_dir=tmp_path)
    assert again.n_streets == built.n_streets > 1000
    monkeypatch.setattr(settings, "STREET_INDEX_VERSION", settings.STREET_INDEX_VERSION + 1)
    assert street_index_path(built.source_sha256, cache_dir=tmp_path) != files[0]
    assert load_streets(osm_path=shared_osm_file, cache_dir=tmp_path).n_streets == built.n_streets
    assert len(list(tmp_path.glob("streets-v*.npz"))) == 2


def test_online_geocoding_is_off_by_default() -> None:
    assert settings.online_geocoding is False
    assert nominatim_suggestions("Sofitel Legend Metropole Hanoi") == []


class _Answer:
    """A geopy ``Location``-like answer."""

    def __init__(self, address: str, latitude: float, longitude: float) -> None:
        self.address, self.latitude, self.longitude = address, latitude, longitude


def test_nominatim_is_rate_limited_and_identifies_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.geocode import online

    online._geocoder.cache_clear()
    limiter = online._geocoder()
    assert limiter.min_delay_seconds == settings.NOMINATIM_MIN_DELAY_S == 1.0
    nominatim = limiter.func.__self__
    assert nominatim.headers["User-Agent"] == settings.NOMINATIM_USER_AGENT
    assert "CraftRoute" in settings.NOMINATIM_USER_AGENT
    online._geocoder.cache_clear()


def test_switched_on_nominatim_finds_what_the_road_file_lacks(places: gpd.GeoDataFrame, streets: StreetIndex,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.geocode import online

    # a point of a real street stands in for Nominatim's answer (no network in tests)
    index = int(np.flatnonzero(streets.label == "Ngô Quyền")[0])
    lat, lon = float(streets.lat[index]), float(streets.lon[index])
    asked: list[str] = []

    def fake_search(text: str, **options: object) -> list[_Answer]:
        asked.append(text)
        return [_Answer("Sofitel Legend Metropole Hanoi, Ngô Quyền, Hà Nội", lat, lon),
                _Answer("Somewhere in Paris", 48.85, 2.35)]  # outside Hanoi: dropped

    online._ask.cache_clear()
    monkeypatch.setattr(online, "_geocoder", lambda: fake_search)
    monkeypatch.setattr(settings, "online_geocoding", True)
    # without the landmarks gazetteer (which knows this hotel offline) the road file lacks it
    found = resolve_start("Sofitel Legend Metropole Hanoi", places, streets=streets, landmarks=())
    assert found.name == "Sofitel Legend Metropole Hanoi" and (found.lat, found.lon) == (lat, lon)
    resolve_start("Sofitel Legend Metropole Hanoi", places, streets=streets, landmarks=())
    assert asked == ["Sofitel Legend Metropole Hanoi"]  # the answer is cached
    online._ask.cache_clear()


@pytest.mark.parametrize(("text", "name"), [
    ("Sofitel Legend Metropole Hanoi", "Sofitel Legend Metropole Hanoi"),
    ("sofitel metropole", "Sofitel Legend Metropole Hanoi"),
    ("METROPOLE", "Sofitel Legend Metropole Hanoi"),
    ("khach san metropole", "Sofitel Legend Metropole Hà Nội"),
    ("Ga Hà Nội", "Ga Hà Nội"),
    ("hanoi railway station", "Hanoi Railway Station"),
    ("ben xe gia lam", "Bến xe Gia Lâm"),
])
def test_hotels_and_stations_resolve_by_any_of_their_names(places: gpd.GeoDataFrame, streets: StreetIndex,
                                                            text: str, name: str) -> None:
    location = resolve_start(text, places, streets=streets)
    assert location.name == name


def test_a_hotel_on_a_long_street_is_not_offered(places: gpd.GeoDataFrame, streets: StreetIndex) -> None:
    """Kim Mã is 4.3 km long: the middle of the street of 360 Kim Mã may be far from the Daewoo's door."""
    assert not [s for s in suggest("daewoo", places=places, streets=streets, limit=5) if s.kind == "landmark"]
    assert [s for s in suggest("metropole", places=places, streets=streets, limit=5) if s.kind == "landmark"]


def test_a_hotel_lies_on_the_street_of_its_published_address(places: gpd.GeoDataFrame, streets: StreetIndex) -> None:
    location = resolve_start("Sofitel Legend Metropole Hanoi", places, streets=streets)
    near = nearest_street(streets, location.lat, location.lon, max_m=5.0)
    assert near is not None and near[0] == "Ngô Quyền"


def test_hotels_are_suggested_among_places_and_streets(places: gpd.GeoDataFrame, streets: StreetIndex) -> None:
    found = suggest("metropole", places=places, streets=streets)
    assert found[0].kind == "landmark" and found[0].label == "Sofitel Legend Metropole Hanoi"
    assert found[0].id == "sofitel-legend-metropole-hanoi"
    assert not any(item.kind == "landmark" for item in suggest("36 Ngô Quyền", places=places, streets=streets))
    assert not any(item.id == "long-bien-station" for item in suggest("ga long bien", places=places, streets=streets))
