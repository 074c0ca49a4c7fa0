"""Credentials checked once and remembered: login sessions and API tokens alike.

A remembered credential is used again only while the tenant's credential version is the one it
was checked at (policies/versions.py): revoking a token, logging out, deactivating or deleting a
user all bump that version in their own transaction (database triggers), so the first request
after the commit, on any worker, finds the version changed and checks the credential afresh.
Expiry is checked locally against the remembered expiry. Nothing is trusted for a fixed time.

Each request therefore costs one statement either way: the version of the tenant by primary key
(remembered) or the indexed lookup of the credential joined with its user and tenant (not
remembered, or the version moved). The statement also brings the tenant's policy version, which
the engine compares with its copy (`Principal.policy_version`). Keys are keyed hashes
(auth/sessions.py `token_digest`), never the tokens."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime

from policies import versions
from policies.decision import Principal


@dataclass(frozen=True)
class Checked:
    """A credential as its lookup found it."""

    principal: Principal  # with the tenant's policy version at the lookup
    expires_at: datetime
    credential_version: int
    last_used_at: datetime | None = None  # API tokens: written at most once a minute


class CredentialCache:
    def __init__(self, limit: int = 10_000):
        self.limit = limit
        self._entries: dict[str, Checked] = {}

    def get(self, digest: str, moment: datetime) -> Checked | None:
        entry = self._entries.get(digest)
        if entry is not None and entry.expires_at <= moment:
            del self._entries[digest]
            return None
        return entry

    def remember(self, digest: str, checked: Checked) -> None:
        if len(self._entries) >= self.limit:
            self._entries.clear()
        self._entries[digest] = checked

    def forget(self, digest: str) -> None:
        self._entries.pop(digest, None)

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


remembered = CredentialCache()


async def authenticate(digest: str, moment: datetime,
                       lookup: Callable[[], Awaitable[Checked | None]]) -> Checked | None:
    """The credential of `digest`: remembered and still current, else looked up (and remembered)."""
    known = remembered.get(digest, moment)
    if known is not None:
        now_at = await versions.current(known.principal.tenant_id)
        if now_at is not None and now_at.credentials == known.credential_version:
            return replace(known, principal=replace(known.principal, policy_version=now_at.policy))
        remembered.forget(digest)
    checked = await lookup()
    if checked is not None:
        remembered.remember(digest, checked)
    return checked
