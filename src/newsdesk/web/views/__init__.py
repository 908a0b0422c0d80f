"""One module per kind of page; each view takes the corpus and the request and returns a :class:`Page`."""
