from tests.factories.network_pages import network_world  # noqa: F401  (the fixture)
