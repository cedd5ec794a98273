"""`python -m entconsole`."""

from entconsole.cli import main

main()
