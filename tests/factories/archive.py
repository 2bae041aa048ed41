"""Factories for the archive feature."""
