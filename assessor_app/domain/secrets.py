"""Hashing of local secrets (the optional app passcode) with scrypt, a slow, memory-hard KDF; stdlib only."""

from __future__ import annotations

import hashlib
import hmac
import os

# About 32 MiB and a few tenths of a second per guess: slow for someone with a stolen file, fine for one login.
SCRYPT_N = 2 ** 15
SCRYPT_R = 8
SCRYPT_P = 1
_MAXMEM = 64 * 1024 * 1024
_SCHEME = "scrypt"


def hash_secret(secret: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """'scrypt$n$r$p$salt$hash' (hex): the parameters travel with the hash so they can be raised later."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=32)
    return f"{_SCHEME}${n}${r}${p}${salt.hex()}${digest.hex()}"


def verify_secret(secret: str, stored: str) -> bool:
    """True when `secret` hashes to `stored`; compared in constant time. A malformed `stored` never matches."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != _SCHEME:
            return False
        candidate = hashlib.scrypt(secret.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r),
                                   p=int(p), maxmem=_MAXMEM, dklen=len(digest) // 2)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate.hex(), digest)
