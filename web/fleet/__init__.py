"""The fleet page (Giám sát trạm): one line per station and its clusters, with health, warnings,
a 24 h contact sparkline and, for admins and editors, a volume form per line."""
