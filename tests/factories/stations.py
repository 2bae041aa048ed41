"""Factories for the stations feature."""
