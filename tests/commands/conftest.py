"""Fixtures of the remote command tests: the scope world of tests/factories/units.py."""

from tests.factories.units import scoped_user, unit_world  # noqa: F401  (fixtures)
