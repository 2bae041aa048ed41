"""Network pages: the unit hierarchy, unit pages with lineage, the cluster map, filtered lists."""
