"""Many municipalities at once: input rows, the parallel runner, the summary."""
