"""entconsole: the ENT ONE administration console, in the terminal."""

__version__ = "0.1.0"
