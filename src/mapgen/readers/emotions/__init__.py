"""Emotion words and score cells: what a feeling or a score written in a cell is worth on [-1, 1]."""
