"""Factory fixtures, one module per feature, registered as pytest plugins in conftest."""
