"""Pages of the planning feature."""
