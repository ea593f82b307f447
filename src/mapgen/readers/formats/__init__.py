"""Read journeys written in other formats than .xlsx: CSV, Markdown, Mermaid and the JSON model."""
