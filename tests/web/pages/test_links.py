"""Where a stop leads: the phone's map app, OpenStreetMap and Google directions, Google Calendar."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlparse

from web.pages.links import geo_uri, google_calendar, google_directions, osm_directions, stop_links


def test_directions_links_point_at_the_place() -> None:
    assert geo_uri(20.97933, 105.91537, "Bát Tràng") == "geo:20.979330,105.915370?q=20.979330,105.915370(B%C3%A1t%20Tr%C3%A0ng)"
    osm = urlparse(osm_directions(20.97933, 105.91537, origin=(21.0285, 105.8542)))
    assert osm.netloc == "www.openstreetmap.org" and parse_qs(osm.query)["route"] == ["21.028500,105.854200;20.979330,105.915370"]
    google = parse_qs(urlparse(google_directions(20.97933, 105.91537)).query)
    assert google == {"api": ["1"], "destination": ["20.979330,105.915370"]}


def test_google_calendar_link_holds_the_visit_in_hanoi_time() -> None:
    link = google_calendar("Bát Tràng", dt.datetime(2026, 12, 8, 8, 30), dt.datetime(2026, 12, 8, 11, 30),
                           location="Bát Tràng (20.979330,105.915370)", details="matches ceramics")
    query = parse_qs(urlparse(link).query)
    assert query["action"] == ["TEMPLATE"] and query["text"] == ["Bát Tràng"]
    assert query["dates"] == ["20261208T083000/20261208T113000"] and query["ctz"] == ["Asia/Ho_Chi_Minh"]
    assert query["location"] == ["Bát Tràng (20.979330,105.915370)"] and query["details"] == ["matches ceramics"]
    assert stop_links("X", 21.0, 105.8).calendar == ""
