"""Painters: a Scene (and the model and theme) into PNG, PPTX and PDF files."""
