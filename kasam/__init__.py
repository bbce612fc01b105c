"""Kasam: case, care-plan and quality system for municipal health and care services."""
