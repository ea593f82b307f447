"""What the report says, section by section: pure data, no reportlab."""
