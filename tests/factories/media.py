"""Factories for the media feature."""
