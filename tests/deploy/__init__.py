"""Deployment: behind nginx, Secure cookies, and no secrets in the logs."""
