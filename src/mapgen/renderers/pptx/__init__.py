"""The deck: plan (pure data), output (python-pptx emitters) and package (the zip-level join)."""
