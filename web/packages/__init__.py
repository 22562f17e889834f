"""Tour operators and their packages: accounts, priced and versioned packages, share links.

No Flask in ``settings`` (price list, lifetimes), ``models`` (SQLAlchemy tables),
``database`` (URL, engine, Alembic upgrade), ``operators``, ``store``, ``shares``,
``transfer`` (export/import) and ``pricing`` (pure). The Flask side: ``db`` (the app's
database), ``auth`` (sign-in, bearer tokens, CSRF), ``quotes`` (plan and price),
``pages`` (``/packages``), ``share`` (``/share/<token>``), ``api`` (``/api/v1/packages``);
``cli`` registers ``operator``, ``db`` and ``packages`` (light at import). May import
:mod:`web.planning`, :mod:`web.params`, :mod:`web.i18n`, :mod:`web.state` and the plan
form and page helpers of :mod:`web.pages`.
"""
