"""Who may see and who may change: sign-in configuration, password hashes, roles. No Streamlit here.

Three ways to run, chosen in .streamlit/secrets.toml under [portfolio]:
- no sign_in: open, for local use (the app says so on screen);
- sign_in = "oidc": Streamlit's st.login against the organisation's identity provider ([auth] section);
  [portfolio.people."<e-mail>"] gives a person a role, everywhere or per programme (portfolio/roles.py);
  `uploaders` lists e-mail addresses with every right (the form before roles per programme);
  `viewers` lists who may look at every programme (default ["*"]: anyone the identity provider lets in);
- sign_in = "builtin": a small team without an identity provider; [portfolio.users.<name>] with a
  password_hash made by `python -m portfolio hash-password` (PBKDF2-SHA256) and a role, everywhere or
  per programme (portfolio/roles.py);
  either kind of entry may give a `display_name` ("M. Tilstra"): how the written report names the
  person (never by an account name or e-mail address);
  `trusted_proxies` lists the reverse proxies whose X-Forwarded-For names the client (see signin.py).
No password is ever stored or configured in plain text. What each role may do is in portfolio/roles.py.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from portfolio import roles
from portfolio.roles import Grants

VIEWER, UPLOADER = roles.VIEWER, roles.UPLOADER
OPEN, OIDC, BUILTIN = "open", "oidc", "builtin"
HASH_SCHEME = "pbkdf2_sha256"
HASH_ITERATIONS = 600_000  # OWASP's figure for PBKDF2-HMAC-SHA256


class AuthConfigError(ValueError):
    """The sign-in section of the secrets is inconsistent; the app refuses to start open by mistake."""


@dataclass(frozen=True)
class AuthConfig:
    mode: str = OPEN
    uploaders: frozenset[str] = frozenset()
    viewers: frozenset[str] = frozenset({"*"})
    users: Mapping[str, tuple[str, Grants]] = field(default_factory=dict)  # name -> (password hash, grants)
    provider: str | None = None
    trusted_proxies: tuple = ()  # ipaddress networks (parse_proxies)
    people: Mapping[str, Grants] = field(default_factory=dict)  # OIDC: e-mail (lower case) -> grants
    display_names: Mapping[str, str] = field(default_factory=dict)  # user name or e-mail -> display name

    def display_name(self, who: str | None) -> str | None:
        """How a person is named in what others read (the written report): their configured
        display_name, else None (an account name or e-mail address is never shown instead)."""
        if not who:
            return None
        return self.display_names.get(who) or self.display_names.get(str(who).strip().lower())

    def grants_for(self, who: str | None) -> Grants | None:
        """The roles of a signed-in identity (e-mail or user name), or None when it may not see anything."""
        if self.mode == OPEN:
            return roles.EVERY_RIGHT
        if not who:
            return None
        if self.mode == BUILTIN:
            entry = self.users.get(who)
            return entry[1] if entry else None
        key = who.strip().lower()
        if key in self.people:
            return self.people[key]
        if key in self.uploaders:
            return Grants(elsewhere=UPLOADER)
        if "*" in self.viewers or key in self.viewers:
            return Grants(elsewhere=VIEWER)
        return None


def parse_proxies(values) -> tuple:
    """Trusted proxies from the secrets: addresses or networks ('10.0.0.5', '10.0.0.0/24'); ValueError if not."""
    if isinstance(values, str):
        values = [values]
    return tuple(ipaddress.ip_network(str(v).strip(), strict=False) for v in values or ())


def load_config(secrets: Mapping | None) -> AuthConfig:
    """Read [portfolio] from the app's secrets; absent means open."""
    section = dict((secrets or {}).get("portfolio", {}) or {})
    mode = str(section.get("sign_in", OPEN)).strip().lower()
    if mode == OPEN:
        return AuthConfig()
    lower = lambda values: frozenset(str(v).strip().lower() for v in values or [])  # noqa: E731
    if mode == OIDC:
        if "auth" not in (secrets or {}):
            raise AuthConfigError("sign_in = 'oidc' needs Streamlit's [auth] section (client_id, ...)")
        try:
            people = {
                str(who).strip().lower(): roles.parse_grants(dict(entry), str(who), default=None)
                for who, entry in dict(section.get("people", {}) or {}).items()
            }
        except ValueError as problem:
            raise AuthConfigError(str(problem)) from None
        return AuthConfig(
            OIDC,
            uploaders=lower(section.get("uploaders")),
            viewers=lower(section.get("viewers", ["*"])),
            provider=section.get("provider"),
            people=people,
            display_names=_display_names(section.get("people"), lower_keys=True),
        )
    if mode == BUILTIN:
        users = {}
        for name, entry in dict(section.get("users", {}) or {}).items():
            entry = dict(entry)
            try:
                grants = roles.parse_grants(entry, f"user {name}")
            except ValueError as problem:
                raise AuthConfigError(str(problem)) from None
            if "password" in entry:
                raise AuthConfigError(f"user {name}: plain-text passwords are refused; use password_hash")
            if not str(entry.get("password_hash", "")).startswith(HASH_SCHEME + "$"):
                raise AuthConfigError(f"user {name}: password_hash missing (python -m portfolio hash-password)")
            users[str(name)] = (str(entry["password_hash"]), grants)
        if not users:
            raise AuthConfigError("sign_in = 'builtin' needs at least one [portfolio.users.<name>]")
        try:
            proxies = parse_proxies(section.get("trusted_proxies", []))
        except ValueError as problem:
            raise AuthConfigError(f"trusted_proxies: {problem}") from None
        return AuthConfig(
            BUILTIN, users=users, trusted_proxies=proxies, display_names=_display_names(section.get("users"))
        )
    raise AuthConfigError(f"sign_in must be 'oidc' or 'builtin', not {mode!r}")


def _display_names(entries, *, lower_keys: bool = False) -> dict[str, str]:
    """name -> display_name for the entries that give one (a non-empty text); AuthConfigError otherwise."""
    names = {}
    for who, entry in dict(entries or {}).items():
        value = dict(entry).get("display_name")
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            raise AuthConfigError(f"{who}: display_name must be a name, not {value!r}")
        names[str(who).strip().lower() if lower_keys else str(who)] = value.strip()
    return names


def hash_password(password: str, *, iterations: int = HASH_ITERATIONS, salt: bytes | None = None) -> str:
    """'pbkdf2_sha256$<iterations>$<salt>$<hash>' (salt and hash base64)."""
    if not password:
        raise ValueError("empty password")
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return "$".join([HASH_SCHEME, str(iterations), base64.b64encode(salt).decode(), base64.b64encode(digest).decode()])


def verify_password(password: str, stored: str) -> bool:
    """Whether a password matches a stored hash, in constant time."""
    try:
        scheme, iterations, salt, expected = stored.split("$")
        if scheme != HASH_SCHEME:
            return False
        digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), base64.b64decode(salt), int(iterations))
        return hmac.compare_digest(digest, base64.b64decode(expected))
    except (ValueError, TypeError):
        return False


@functools.cache
def _no_one(iterations: int) -> str:
    """A stored hash no password matches (random salt and digest, nothing hashed to make it), per process."""
    salt, digest = base64.b64encode(os.urandom(16)).decode(), base64.b64encode(os.urandom(32)).decode()
    return "$".join([HASH_SCHEME, str(iterations), salt, digest])


def _iterations(stored: str) -> int:
    try:
        return int(stored.split("$")[1])
    except (IndexError, ValueError):
        return HASH_ITERATIONS


def check_login(config: AuthConfig, name: str, password: str) -> Grants | None:
    """The roles of a built-in user whose password matches, else None.

    An unknown name is checked against a hash nobody has, with the configured users' iteration count:
    one PBKDF2 run, as for a known name, so the time taken does not tell which names exist.
    """
    entry = config.users.get(name)
    iterations = max((_iterations(stored) for stored, _ in config.users.values()), default=HASH_ITERATIONS)
    matches = verify_password(password, entry[0] if entry else _no_one(iterations))
    return entry[1] if entry and matches else None
