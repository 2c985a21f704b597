"""``python -m saidwho``: the command line."""

from .cli import main

main(prog_name="saidwho")
