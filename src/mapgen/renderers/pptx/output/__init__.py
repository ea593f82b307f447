"""python-pptx and DrawingML emitters: the plan's slides as native shapes, text, charts, tables."""
