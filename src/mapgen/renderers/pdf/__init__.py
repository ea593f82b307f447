"""The report: plan (pure data), output (reportlab emitters) and package (the pikepdf join)."""
