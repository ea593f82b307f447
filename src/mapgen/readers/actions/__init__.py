"""Opportunities as an action plan: the Opportunities sheet, and pain points a step pairs explicitly."""
