"""Hostile and damaged files: what mapgen survives, one module per kind, each test saying what it proves."""
