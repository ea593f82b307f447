"""The report's parts joined into one PDF with pikepdf."""
