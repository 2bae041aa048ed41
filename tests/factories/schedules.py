"""Factories for the schedules feature."""
