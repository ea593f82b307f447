"""Which slides, in which order, with which words: pure data, no python-pptx."""
