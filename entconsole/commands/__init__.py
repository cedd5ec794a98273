"""Subcommands of `entconsole`, one module per console area.

Each module exposes `COMMANDS`, a list of click commands; `register` adds
every module's commands to the main group, so an area adds its commands
without touching cli.py.
"""

from __future__ import annotations

import importlib
import pkgutil

import click


def register(group: click.Group) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for command in getattr(module, "COMMANDS", ()):
            group.add_command(command)
