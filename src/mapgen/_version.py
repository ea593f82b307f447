"""The version of mapgen, in one place: imported by whoever needs it, never from the facade."""

__version__ = "0.1.0"
