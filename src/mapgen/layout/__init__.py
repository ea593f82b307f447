"""Model + theme -> Scene: where everything on a journey map goes, in points, with no painter."""
