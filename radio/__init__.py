"""Core of district-radio: configuration, database, models, domain services and the CLI root."""
