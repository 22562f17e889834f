"""The application factory: configuration, shared state, error handlers and blueprints.

``craftroute serve`` runs the app :func:`create_app` returns. Configuration
comes from :data:`web.settings.DEFAULT_CONFIG`, then the instance folder's
``config.py``, then ``test_config`` or ``CRAFTROUTE_*`` environment variables.

Production serving (each process loads the places and road graph once and keeps
its own travel-matrix cache)::

    waitress-serve --listen 127.0.0.1:5000 --threads 8 --call web:create_app
    gunicorn --workers 3 --threads 4 --bind 127.0.0.1:5000 "web:create_app()"
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from web import settings


def create_app(test_config: Mapping[str, Any] | None = None, *, instance_path: str | None = None) -> Flask:
    """Return a configured CraftRoute Flask application.

    Parameters
    ----------
    test_config
        Settings that replace the instance configuration (tests pass ``TESTING``,
        a temporary ``PACKAGES_DB`` and so on). When ``None`` the instance folder's
        ``config.py`` and ``CRAFTROUTE_*`` environment variables are read.
    instance_path
        The instance folder (config, packages database, secret key); else the folder
        named by ``CRAFTROUTE_INSTANCE``, else Flask's default (``instance/`` beside the package).
    """
    instance_path = instance_path or os.environ.get("CRAFTROUTE_INSTANCE") or None
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path)
    app.config.from_mapping(settings.DEFAULT_CONFIG)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("CRAFTROUTE")
    else:
        app.config.from_mapping(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    # UTF-8 JSON that keeps the field order of the CLI's output.
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]

    from web import compression, errors, i18n, limits, params, security, state
    from web.api import docs as api_docs
    from web.api import views as api_views
    from web.dates import format_date, format_timestamp
    from web.error_text import error_text
    from web.packages import api as packages_api
    from web.packages import auth as packages_auth
    from web.packages import db as packages_db
    from web.packages import pages as packages_pages
    from web.packages import share as packages_share
    from web.packages.pricing import format_vnd
    from web.pages import (
        basemap,
        calendar_page,
        dashboard,
        downloads,
        explore,
        plan,
        plan_edit,
        plan_form,
        plan_notes,
        pwa,
        rendering,
    )

    # First, so that its after-request hook runs last and sees every cookie and header.
    security.init_app(app)
    state.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)
    compression.init_app(app)
    packages_db.init_app(app)
    packages_auth.init_app(app, exempt=(api_views.bp, packages_api.bp))
    app.jinja_env.filters["query_string"] = params.query_string
    app.jinja_env.filters["left_out_detail"] = plan_notes.useful_detail
    app.jinja_env.filters["form_field"] = plan_form.form_field_name
    app.jinja_env.filters["error_message"] = lambda error: error_text(error, i18n.current_language())
    app.jinja_env.filters["long_date"] = lambda value: format_date(value, i18n.current_language())
    app.jinja_env.filters["local_time"] = lambda value: format_timestamp(value, i18n.current_language())
    app.jinja_env.filters["vnd"] = lambda amount: format_vnd(amount, i18n.current_language())
    app.add_url_rule("/favicon.ico", "favicon", rendering.favicon)
    for blueprint in (plan.bp, plan_edit.bp, explore.bp, dashboard.bp, downloads.bp, packages_auth.bp,
                      packages_pages.bp, packages_share.bp, api_views.bp, packages_api.bp, api_docs.bp, basemap.bp,
                      pwa.bp, calendar_page.bp):
        app.register_blueprint(blueprint)
    limits.init_app(app)
    return app
