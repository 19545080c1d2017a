"""Adapters over third-party libraries that return whole fixed strings; they map results back to offsets."""
