"""Pages of the operator feature."""
