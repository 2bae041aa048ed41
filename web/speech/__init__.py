"""The speech settings pages: the abbreviations speech expands (built-in and editors' rows),
with a "thử đọc" box that shows how a sentence is read."""
