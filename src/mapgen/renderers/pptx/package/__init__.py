"""Parts of a deck packed and joined at the zip level, reproducibly."""
