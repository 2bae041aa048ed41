"""Administrative units: editions, lineage, the stations that serve them."""
