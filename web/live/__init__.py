"""Live broadcasts: the "Phát trực tiếp" page, and the stream server's listener check."""
