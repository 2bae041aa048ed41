"""Fixtures of the scope tests: the two-world unit network (tests/factories/units.py); `sign_in`
is in tests/factories/core.py."""

from __future__ import annotations

from tests.factories.units import scoped_user, unit_world  # noqa: F401  (fixtures)
