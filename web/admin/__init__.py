"""Administration: stations, their tokens and windows; user accounts."""
