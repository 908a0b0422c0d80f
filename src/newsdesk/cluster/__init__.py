"""Grouping: articles into events (one development) and events into stories (a storyline over months)."""
