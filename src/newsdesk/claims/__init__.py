"""Claims: what articles assert, matched across a story, corroborated by independent origin, contradicted, and
where articles agree or disagree with a claim (its stance)."""
