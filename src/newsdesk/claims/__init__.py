"""Claims: what articles assert, matched across a story, corroborated by independent origin, and contradicted."""
