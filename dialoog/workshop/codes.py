"""Join codes for participants and secrets for facilitators: two separate keys.

Three keys, each granting less than the one before: the facilitator's secret (everything), the
room key of the projected page (the pooled results, no names, no control), and the join code.
A join code lets a person submit and nothing else; it is typed by hand from a projector, so it
uses an alphabet without look-alikes (no 0/O, 1/I/L) and is shown in two groups of five.
Ten characters of a 31-letter alphabet give about 49 bits: with the delay after a wrong code,
guessing one in a session's lifetime is out of reach. The facilitator's secret (see answers,
close, export) is a 192-bit URL-safe token that participants never see; only its hash is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # 31 characters, no look-alikes
CODE_LENGTH = 10
GROUP = 5
_SEPARATORS = str.maketrans("", "", " -_.\t")


def new_join_code() -> str:
    """A random join code in its stored form (upper case, no separator)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """The code as people read and type it: 'ABCDE-FGHJK'."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalise_code(text: str) -> str:
    """What a person typed, in stored form: upper case, spaces and dashes removed."""
    return (text or "").translate(_SEPARATORS).upper()


def is_well_formed(code: str) -> bool:
    """Whether a normalised code could be a join code at all (checked before any lookup)."""
    return len(code) == CODE_LENGTH and all(ch in ALPHABET for ch in code)


def new_secret() -> str:
    """A facilitator secret: 32 URL-safe characters (192 bits)."""
    return secrets.token_urlsafe(24)


def room_key(workshop_id: str, secret_hash: str) -> str:
    """The key of a session's room view (the projected page): it shows the pooled results and
    nothing else. Made from the stored hash of the facilitator's secret, one way, so the key on
    a projected address bar leads neither to the secret nor to any control."""
    digest = hmac.new(secret_hash.encode(), b"room:" + workshop_id.encode(), "sha256")
    return f"{workshop_id}{ROOM_SEPARATOR}{digest.hexdigest()[:24]}"


ROOM_SEPARATOR = "."


def owner_hash(owner_token: str) -> str:
    """What the store keeps to list a facilitator's sessions (never the token itself)."""
    return hashlib.sha256(b"owner:" + owner_token.encode()).hexdigest()


def hash_secret(secret: str) -> str:
    return hashlib.sha256(b"secret:" + secret.encode()).hexdigest()


def same_secret(secret: str, stored_hash: str) -> bool:
    """Constant-time comparison of a presented secret with a stored hash."""
    return hmac.compare_digest(hash_secret(secret), stored_hash)


def participant_id(workbook_token: str, workshop_id: str) -> str:
    """A participant's stable, private id in one session, derived from their own workbook.

    The same workbook always gets the same id (so re-submitting updates, even after a reload or
    a kernel restart), and the id reveals nothing of the workbook's secret name.
    """
    digest = hmac.new(workbook_token.encode(), b"participant:" + workshop_id.encode(), "sha256")
    return digest.hexdigest()[:32]
