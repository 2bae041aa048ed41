from tests.factories.plan_units import plan_world  # noqa: F401  (the fixture)
