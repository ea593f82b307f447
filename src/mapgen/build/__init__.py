"""The build pipeline: tasks, the formats registry, the runner and its cache, atomic output, batch, watch."""
