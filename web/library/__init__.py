"""Pages of the library feature."""
