"""Stances: where each actor stands on each issue of a story, from the quotes and reported clauses of its
articles, and how that changes over time."""
