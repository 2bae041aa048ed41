"""Admin pages for the loudspeaker clusters (cụm loa) of the stations."""
