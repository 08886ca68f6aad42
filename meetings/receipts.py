"""Receipt codes (回执码) for opinions: whoever gives an opinion — signed, anonymous or
through the public link — is shown a random code once, and with that code alone (no login)
can later look up what became of the opinion.

Only a keyed hash of the code is stored (HMAC-SHA256 with a key derived from SECRET_KEY,
``salted_hmac``): the database holds no code, nobody without the code can find the opinion
by it, and the code itself names no one. It is never logged, never put in a session, a
cookie or the cache, and never stored with a time. Pure functions, no database.
"""

from __future__ import annotations

import secrets

from django.utils.crypto import salted_hmac

# No 0/O, 1/I/L: a code read aloud or copied by hand stays right.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
GROUPS, GROUP_LEN = 4, 4  # 16 characters: log2(31**16) ≈ 79 bits
SALT = "orglife.meetings.opinion-receipt"


def receipt_new() -> str:
    """A fresh random code, e.g. ``K7QM-3XWD-PN8A-TZ4H``."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LEN))
    return "-".join(chars[i : i + GROUP_LEN] for i in range(0, len(chars), GROUP_LEN))


def receipt_normalize(code: str) -> str | None:
    """The code's 16 characters (case, spaces and dashes ignored), or None if it cannot be one."""
    chars = "".join(c for c in (code or "").upper() if c not in " -\t\n")
    if len(chars) != GROUPS * GROUP_LEN or any(c not in ALPHABET for c in chars):
        return None
    return chars


def receipt_digest(code: str) -> str | None:
    """What is stored and looked up: the keyed hash of the normalized code (64 hex digits)."""
    chars = receipt_normalize(code)
    if chars is None:
        return None
    return salted_hmac(SALT, chars, algorithm="sha256").hexdigest()
