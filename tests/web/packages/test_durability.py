"""Nothing is lost: concurrent editors, a writer killed mid-transaction, earlier SQLite files,
export and import, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from package_helpers import REQUEST, bearer, fresh_database_url

from web import create_app

ROOT = Path(__file__).resolve().parents[3]


def test_two_concurrent_editors_get_one_200_and_one_409(db_app, operators) -> None:
    a = bearer(operators["a"])
    package = db_app.test_client().post("/api/v1/packages", headers=a,
                                        json={"name": "Làng nghề", "request": REQUEST}).get_json()
    barrier = threading.Barrier(2)
    statuses: dict[str, int] = {}

    def edit(name: str) -> None:
        client = db_app.test_client()
        barrier.wait()
        response = client.put(f"/api/v1/packages/{package['id']}", headers=a, json={"version": 1, "name": name})
        statuses[name] = response.status_code

    editors = [threading.Thread(target=edit, args=(name,)) for name in ("Editor one", "Editor two")]
    for thread in editors:
        thread.start()
    for thread in editors:
        thread.join(timeout=60)
    assert sorted(statuses.values()) == [200, 409]
    winner = next(name for name, status in statuses.items() if status == 200)
    saved = db_app.test_client().get(f"/api/v1/packages/{package['id']}", headers=a).get_json()
    assert saved["name"] == winner and saved["version"] == 2


WRITER = textwrap.dedent("""
    import sys, time
    from web.packages import database, shares, store
    url, package_id, commit = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "commit"
    factory = database.session_factory(database.make_engine(url))
    session = factory()
    session.begin()
    store.update_package(session, 1, package_id, 1, {"name": "New name", "request": {"start": "x", "days": 3}})
    shares.create_link(session, 1, package_id)
    session.flush()
    if commit:
        session.commit()
    print("written", flush=True)
    time.sleep(120)
""")


@pytest.mark.parametrize("moment", ["before commit", "after commit"])
def test_a_writer_killed_leaves_the_old_or_the_new_package(db_app, operators, database_url, moment) -> None:
    a = bearer(operators["a"])
    client = db_app.test_client()
    package = client.post("/api/v1/packages", headers=a, json={"name": "Old name", "request": REQUEST}).get_json()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, database_url, str(package["id"]),
                               "commit" if moment == "after commit" else "hold"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "written", writer.stderr
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.communicate(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    db_app.extensions["craftroute_packages_db"].engine.dispose()  # new connections, as a restarted server
    saved = client.get(f"/api/v1/packages/{package['id']}", headers=a).get_json()
    if moment == "before commit":
        assert (saved["name"], saved["version"], saved["request"]) == ("Old name", 1, REQUEST)
    else:
        assert (saved["name"], saved["version"], saved["request"]["days"]) == ("New name", 2, 3)
    if database_url.startswith("sqlite"):
        path = database_url.removeprefix("sqlite:///")
        with sqlite3.connect(path) as check:
            assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)


LEGACY_SCHEMA = """
CREATE TABLE package (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL,
                      request_json TEXT NOT NULL, created_utc TEXT NOT NULL);
"""


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_file_of_the_earlier_store_is_migrated_and_its_packages_kept(tmp_path, craftroute, monkeypatch) -> None:
    path = tmp_path / "instance" / "packages.sqlite"
    path.parent.mkdir()
    with sqlite3.connect(path) as legacy:
        legacy.executescript(LEGACY_SCHEMA)
        legacy.execute("INSERT INTO package (name, request_json, created_utc) VALUES (?, ?, ?)",
                       ("Gốm Bát Tràng", json.dumps(REQUEST, ensure_ascii=False), "2026-11-30T09:00:00Z"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    code, out, _ = craftroute("db", "upgrade")
    assert code == 0 and out.strip().endswith("at revision 0003")
    code, out, _ = craftroute("operator", "add", "first@example.com")
    token = out.splitlines()[-1]
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{path}", "SECRET_KEY": "test"},
                     instance_path=str(tmp_path / "instance"))
    listed = app.test_client().get("/api/v1/packages", headers=bearer(token)).get_json()
    assert [(p["name"], p["request"], p["version"], p["group_size"], p["created_utc"]) for p in listed] == [
        ("Gốm Bát Tràng", REQUEST, 1, 1, "2026-11-30T09:00:00Z")]
    history = app.test_client().get(f"/api/v1/packages/{listed[0]['id']}/versions", headers=bearer(token))
    assert [(v["version"], v["name"], v["saved_utc"]) for v in history.get_json()] == [
        (1, "Gốm Bát Tràng", "2026-11-30T09:00:00Z")]
    app.extensions["craftroute_packages_db"].engine.dispose()


def test_export_and_import_round_trip_all_packages(db_app, operators, craftroute, database_url, tmp_path,
                                                   request, monkeypatch) -> None:
    client = db_app.test_client()
    a, b = bearer(operators["a"]), bearer(operators["b"])
    first = client.post("/api/v1/packages", headers=a, json={"name": "Lụa", "group_size": 4, "request": REQUEST})
    client.post("/api/v1/packages", headers=b, json={"name": "Nón lá", "request": REQUEST})
    client.put(f"/api/v1/packages/{first.get_json()['id']}", headers=a, json={"version": 1, "name": "Lụa và gốm"})
    deleted = client.post("/api/v1/packages", headers=a, json={"name": "Bỏ", "request": REQUEST}).get_json()
    client.delete(f"/api/v1/packages/{deleted['id']}", headers=a)
    exported = tmp_path / "export.json"
    assert craftroute("packages", "export", "--output", str(exported))[0] == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert len(document["packages"]) == 3 and {o["email"] for o in document["operators"]} == {
        "a@example.com", "b@example.com"}

    other = "postgresql" if database_url.startswith("sqlite") else "sqlite"
    (tmp_path / "target").mkdir()
    target = fresh_database_url(other, tmp_path / "target", request)
    monkeypatch.setenv("DATABASE_URL", target)
    code, out, _ = craftroute("packages", "import", str(exported))
    assert (code, out.strip()) == (0, "3 packages imported")
    code, out, _ = craftroute("packages", "export")
    again = json.loads(out)
    assert again["operators"] == document["operators"] and again["packages"] == document["packages"]
    code, _, err = craftroute("packages", "import", str(tmp_path / "missing.json"))
    assert code == 2 and "FILE" in err
