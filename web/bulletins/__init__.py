"""Pages of written bulletins: write or upload a text, preview it, save it; edit its text."""
