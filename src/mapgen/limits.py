"""Bounds on what an input may hold, in one place: each is generous for real maps and stops an attack."""

from __future__ import annotations

# A picture (a placed photo, a theme's logo) is decoded whole: 40 megapixels is a 160 MB bitmap,
# and more than any deliverable shows (a 1000 x 1000 photo is plenty).
MAX_PICTURE_PIXELS = 40_000_000
# A client's deck template: its masters, layouts and a few pictures. Slides are dropped anyway.
MAX_TEMPLATE_BYTES = 100 * 2**20
MAX_TEMPLATE_UNPACKED_BYTES = 300 * 2**20
