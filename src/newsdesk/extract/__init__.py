"""Extraction stages: what articles say and whom they credit. Each module is pure functions over text."""
