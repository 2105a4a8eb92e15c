"""Partners and groups on the border graph: graph, partners, grouping, what-if, maps."""
