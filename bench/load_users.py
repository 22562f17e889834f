"""Locust users of ``bench/load.py``: a visitor's realistic mix of pages, API reads, plans and exports.

Each simulated user waits 1-3 s between requests (Locust's ``between``). Plans start
from a random point in Hanoi's urban districts (a hotel anywhere in town), with a
random interest, so that every plan is a new request, not a cached answer. Requests
are grouped by ``name`` so the report has one line per endpoint.

Not run on its own: ``bench/load.py`` starts the server and Locust.
"""

from __future__ import annotations

import random
from typing import Any

from locust import HttpUser, between, task

#: Latitude and longitude bounds of urban Hanoi where the hotel starts are drawn
#: (Ba Dinh, Hoan Kiem, Dong Da, Hai Ba Trung, Cau Giay, Thanh Xuan, Tay Ho).
URBAN_LAT = (20.985, 21.070)
URBAN_LON = (105.780, 105.870)
PLAN_DATE = "2026-12-07"

#: Filled by ``bench/load.py`` before the run: place ids and craft keys of the app.
PLACE_IDS: list[str] = []
CRAFTS: list[str] = []

#: Endpoint names that are plans (target p95 2 s); every other name is a page or a read (1 s).
PLAN_NAMES = ("POST /api/v1/itineraries", "GET /plan", "GET /plan/export.gpx")


def hotel() -> str:
    """Return a random 'lat,lon' in urban Hanoi."""
    return f"{random.uniform(*URBAN_LAT):.5f},{random.uniform(*URBAN_LON):.5f}"


def plan_fields() -> dict[str, Any]:
    """Return the fields of a one-day plan from a random hotel, with a random interest."""
    fields: dict[str, Any] = {"start": hotel(), "days": 1, "date": PLAN_DATE}
    if CRAFTS and random.random() < 0.7:
        fields["interests"] = random.choice(CRAFTS)
    return fields


class Visitor(HttpUser):
    """A visitor browsing the explorer, the place pages and the dashboard, and planning trips."""

    wait_time = between(1, 3)

    @task(3)
    def explore(self) -> None:
        query = {"craft": random.choice(CRAFTS)} if CRAFTS and random.random() < 0.5 else {}
        self.client.get("/explore", params=query, name="GET /explore")

    @task(3)
    def villages_api(self) -> None:
        query: dict[str, Any] = {"limit": random.choice([10, 50, 100])}
        if CRAFTS and random.random() < 0.5:
            query["craft"] = random.choice(CRAFTS)
        if random.random() < 0.3:
            query.update(near=hotel(), radius_km=random.choice([5, 10, 20]))
        self.client.get("/api/v1/villages", params=query, name="GET /api/v1/villages")

    @task(2)
    def place_page(self) -> None:
        if PLACE_IDS:
            self.client.get(f"/places/{random.choice(PLACE_IDS)}", name="GET /places/<id>")

    @task(1)
    def dashboard(self) -> None:
        self.client.get("/dashboard", name="GET /dashboard")

    @task(1)
    def plan_form(self) -> None:
        self.client.get("/", name="GET /")

    @task(2)
    def plan_api(self) -> None:
        self.client.post("/api/v1/itineraries", json=plan_fields(), name="POST /api/v1/itineraries")

    @task(1)
    def plan_page(self) -> None:
        self.client.get("/plan", params=plan_fields(), name="GET /plan")

    @task(1)
    def plan_export(self) -> None:
        self.client.get("/plan/export.gpx", params=plan_fields(), name="GET /plan/export.gpx")
