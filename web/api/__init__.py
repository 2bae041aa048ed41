"""The HTTP API under /api/v1: JSON errors, token or session authentication."""
