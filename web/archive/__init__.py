"""Pages of the archive feature."""
