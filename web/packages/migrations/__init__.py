"""Alembic migrations of the packages database, run by :func:`web.packages.database.upgrade`."""
