"""Logins, aliases, activation and password-renewal codes (DOMAIN.md section 2)."""

from __future__ import annotations

import random
import secrets
import string
import unicodedata
from collections.abc import Callable, Container

ACTIVATION_ALPHABET = "abcdefghjkmnprstvwxyz3456789"
ACTIVATION_LENGTH = 8
RENEWAL_ALPHABET = string.ascii_letters + string.digits
RENEWAL_LENGTH = 8
RENEWAL_LIFETIME_DAYS = 7
_LOGIN_CHARS = frozenset(string.ascii_lowercase + string.digits)
MAX_LOGIN = 64


def login_part(text: str) -> str:
    text = text.lower().replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c in _LOGIN_CHARS)


def make_login(first_name: str, last_name: str, taken: Container[str]) -> str:
    """`firstname.lastname`, lowercase, no accents, [0-9a-z.]; 2, 3… if taken."""
    base = f"{login_part(first_name)}.{login_part(last_name)}".strip(".") or "utilisateur"
    base = base[: MAX_LOGIN - 4]
    login, n = base, 2
    while login in taken:
        login = f"{base}{n}"
        n += 1
    return login


def activation_code(choice: Callable[[str], str] = secrets.choice) -> str:
    """8 characters of the console's alphabet (no 0/o, 1/l/i look-alikes)."""
    return "".join(choice(ACTIVATION_ALPHABET) for _ in range(ACTIVATION_LENGTH))


def seeded_activation_code(rng: random.Random) -> str:
    """Deterministic variant for the demo and generated stores."""
    return activation_code(rng.choice)


def renewal_code() -> str:
    """Password-renewal code: 8 letters/digits from a cryptographic RNG."""
    return "".join(secrets.choice(RENEWAL_ALPHABET) for _ in range(RENEWAL_LENGTH))
