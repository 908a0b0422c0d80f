"""Claims: what articles assert, and where they agree or disagree."""
