"""The home page: the station network at a glance."""
