"""Written bulletins (bản tin văn bản): text from an uploaded document (`extract.py`), making
and revising a bulletin through speech and the ingest pipeline (`operations.py`), and
`radio bulletin add` (`cli.py`)."""
