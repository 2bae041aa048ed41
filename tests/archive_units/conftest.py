"""The network factories (tests/factories/network.py) for the unit-view report tests."""

from tests.factories.network import network  # noqa: F401
