"""``python -m newsdesk``: the same as the ``newsdesk`` command."""

from newsdesk.cli import cli

if __name__ == "__main__":
    cli()
