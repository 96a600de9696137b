"""Renderers: siblings that each show the same Report in one format."""
