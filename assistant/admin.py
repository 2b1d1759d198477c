"""The administrator's password: scrypt hashes, constant-time checks and a wait after repeated failures.

Corpus changes (upload, removal, re-indexing) are the only actions behind a password: one wrong
click must not empty the corpus a whole team relies on. Reading and asking stay open to everyone.
No Streamlit here, so the rules are tested without a browser; `assistant.ui.access` is the glue.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from assistant.settings import Settings

SCHEME = "scrypt"
# n=2**15, r=8 costs 32 MiB and ~0.1 s per check: cheap for one login, dear for a guessing attack.
DEFAULT_N, DEFAULT_R, DEFAULT_P = 2**15, 8, 1
_MAXMEM = 128 * 1024 * 1024
FREE_FAILURES = 5  # wrong passwords allowed before a wait is imposed
FIRST_WAIT_S = 30.0
MAX_WAIT_S = 15 * 60.0
MIN_LENGTH = 8


class PasswordHashError(ValueError):
    """AICT_ADMIN_PASSWORD_HASH is not a hash made by `python -m assistant admin-hash`."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str, n: int = DEFAULT_N, r: int = DEFAULT_R, p: int = DEFAULT_P,
                  salt: bytes | None = None) -> str:
    """`scrypt:N:r:p:salt:key`, base64url without padding: no `$`, so it pastes into a shell or an env file."""
    salt = salt or secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=32)
    return f"{SCHEME}:{n}:{r}:{p}:{_b64(salt)}:{_b64(key)}"


def parse_hash(encoded: str) -> tuple[int, int, int, bytes, bytes]:
    """(n, r, p, salt, key); bounded parameters, so a mistyped hash cannot make a login take minutes."""
    parts = encoded.strip().split(":")
    if len(parts) != 6 or parts[0] != SCHEME:
        raise PasswordHashError("format attendu : scrypt:N:r:p:sel:empreinte")
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt, key = _unb64(parts[4]), _unb64(parts[5])
    except ValueError as exc:
        raise PasswordHashError("paramètres ou encodage illisibles") from exc
    if n < 2 or n & (n - 1) or n > 2**20 or not 1 <= r <= 32 or not 1 <= p <= 16 or 128 * r * n > _MAXMEM:
        raise PasswordHashError("paramètres scrypt hors limites")
    if len(salt) < 8 or len(key) < 16:
        raise PasswordHashError("sel ou empreinte trop courts")
    return n, r, p, salt, key


def verify_password(password: str, encoded: str) -> bool:
    n, r, p, salt, key = parse_hash(encoded)
    candidate = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=len(key))
    return hmac.compare_digest(candidate, key)


def password_configured(settings: Settings) -> bool:
    return bool(settings.admin_password_hash or settings.admin_password)


def configuration_error(settings: Settings) -> str:
    """A French sentence when the configured hash is unusable (the login is then impossible, never open)."""
    if not settings.admin_password_hash:
        return ""
    try:
        parse_hash(settings.admin_password_hash)
    except PasswordHashError as exc:
        return (f"AICT_ADMIN_PASSWORD_HASH est invalide ({exc}) : régénérez-le avec « python -m assistant admin-hash ». "
                "En attendant, le corpus ne peut pas être modifié depuis l'application.")
    return ""


def check_password(settings: Settings, password: str) -> bool:
    """The hash wins over the plain variable when both are set. Both comparisons take constant time."""
    if settings.admin_password_hash:
        try:
            return verify_password(password, settings.admin_password_hash)
        except PasswordHashError:
            return False
    if settings.admin_password:
        given = hashlib.sha256(password.encode("utf-8")).digest()
        expected = hashlib.sha256(settings.admin_password.encode("utf-8")).digest()
        return hmac.compare_digest(given, expected)
    return False


class LoginLimiter:
    """Failures shared by every session of one server: opening a new tab does not buy new tries.

    After FREE_FAILURES wrong passwords, each try waits FIRST_WAIT_S, doubled at every further
    failure (at most MAX_WAIT_S). A right password resets the count.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.failures = 0
        self.blocked_until = 0.0
        self._lock = threading.Lock()

    def wait_s(self) -> float:
        """Seconds before the next try is accepted (0 when it may be made now)."""
        with self._lock:
            return max(0.0, self.blocked_until - self.clock())

    def record_failure(self) -> None:
        with self._lock:
            self.failures += 1
            if self.failures >= FREE_FAILURES:
                wait = min(MAX_WAIT_S, FIRST_WAIT_S * 2 ** (self.failures - FREE_FAILURES))
                self.blocked_until = self.clock() + wait

    def record_success(self) -> None:
        with self._lock:
            self.failures = 0
            self.blocked_until = 0.0

    def tries_left(self) -> int:
        with self._lock:
            return max(0, FREE_FAILURES - self.failures)


_LIMITERS: dict[Path, LoginLimiter] = {}
_LIMITERS_LOCK = threading.Lock()


def limiter_for(data_dir: Path) -> LoginLimiter:
    """One limiter per data directory, i.e. per corpus, kept for the life of the server process."""
    with _LIMITERS_LOCK:
        return _LIMITERS.setdefault(data_dir, LoginLimiter())


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    message: str  # French, shown as is


def _wait_text(seconds: float) -> str:
    seconds = math.ceil(seconds)
    if seconds < 60:
        return f"{seconds} seconde{'s' if seconds > 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes > 1 else ''}"


def attempt_login(settings: Settings, password: str, limiter: LoginLimiter) -> LoginResult:
    """Check one try. While a wait runs, the password is not even checked, so guessing gains nothing."""
    wait = limiter.wait_s()
    if wait > 0:
        return LoginResult(False, f"Trop d'essais manqués : patientez {_wait_text(wait)} avant de réessayer.")
    if check_password(settings, password):
        limiter.record_success()
        return LoginResult(True, "Connexion réussie : vous pouvez modifier le corpus.")
    limiter.record_failure()
    wait = limiter.wait_s()
    if wait > 0:
        return LoginResult(False, f"Mot de passe incorrect. Trop d'essais manqués : patientez {_wait_text(wait)} "
                                  "avant de réessayer.")
    left = limiter.tries_left()
    return LoginResult(False, f"Mot de passe incorrect. Encore {left} essai{'s' if left > 1 else ''} avant une attente.")
