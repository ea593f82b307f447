"""reportlab emitters: the plan's blocks as PDF sections, cells, figures, fonts and images."""
