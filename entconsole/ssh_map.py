"""Which ENT login a system account may act as, on a shared (SSH) server.

A TOML file maps system accounts (``getpass.getuser()``) to ENT logins::

    [accounts]
    nvasseur = "nathalie.vasseur"
    jcarpentier = ["julien.carpentier"]

When such a file exists, ``--as`` (or ``ENTCONSOLE_AS``) may only name a
login mapped to the caller, and without ``--as`` the caller acts as their
first mapped login; a caller missing from the file gets nothing. The file is
looked up in ``$ENTCONSOLE_SSH_MAP``, then the site configuration directory
(``/etc/xdg/entconsole/ssh-accounts.toml`` on Linux), then the user's. A
file that cannot be read refuses everyone: a broken mapping must not open
the console to all.
"""

from __future__ import annotations

import getpass
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from entconsole import labels as L

ENV_VAR = "ENTCONSOLE_SSH_MAP"
FILE_NAME = "ssh-accounts.toml"


class SshMapError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SshMap:
    path: Path
    accounts: dict[str, tuple[str, ...]]

    def logins_for(self, system_user: str) -> tuple[str, ...]:
        return self.accounts.get(system_user, ())


def map_path() -> Path | None:
    """The mapping file in force, or None when there is none (a single-user machine)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()  # named explicitly: missing is an error, not "no mapping"
    for directory in (
        platformdirs.site_config_path("entconsole", appauthor=False),
        platformdirs.user_config_path("entconsole", appauthor=False),
    ):
        candidate = directory / FILE_NAME
        if candidate.exists():
            return candidate
    return None


def load_map(path: Path) -> SshMap:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SshMapError(L.SSHMAP_UNREADABLE.format(path=path, detail=exc.strerror or exc)) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SshMapError(L.SSHMAP_UNREADABLE.format(path=path, detail=exc)) from exc
    table = data.get("accounts")
    if not isinstance(table, dict):
        raise SshMapError(L.SSHMAP_UNREADABLE.format(path=path, detail=L.SSHMAP_NO_TABLE))
    accounts: dict[str, tuple[str, ...]] = {}
    for system_user, value in table.items():
        logins = (value,) if isinstance(value, str) else value
        if not isinstance(logins, list | tuple) or not logins or not all(isinstance(v, str) for v in logins):
            raise SshMapError(
                L.SSHMAP_UNREADABLE.format(path=path, detail=L.SSHMAP_BAD_ENTRY.format(user=system_user))
            )
        accounts[system_user] = tuple(v.strip().lower() for v in logins)
    return SshMap(path, accounts)


def resolve_login(requested: str | None, system_user: str | None = None) -> str | None:
    """The login the caller may act as: `requested` if allowed, their own by default.

    Without a mapping file, `requested` is returned unchanged.
    """
    path = map_path()
    if path is None:
        return requested
    mapping = load_map(path)
    user = system_user or getpass.getuser()
    allowed = mapping.logins_for(user)
    if not allowed:
        raise SshMapError(L.SSHMAP_NOT_MAPPED.format(user=user, path=path))
    if requested is None:
        return allowed[0]
    if requested.strip().lower() not in allowed:
        raise SshMapError(
            L.SSHMAP_FORBIDDEN.format(user=user, login=requested, allowed=", ".join(allowed), path=path)
        )
    return requested.strip().lower()
