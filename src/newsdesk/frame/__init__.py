"""Framing: how outlets tell the same story (distinctive wording, competing names, omitted facts) and loaded
wording in a text."""
