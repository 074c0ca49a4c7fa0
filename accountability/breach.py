"""Breach scope (GDPR Art. 33(3)): which contacts, which data categories and how many records were
returned to a principal in a time window, read from the audit trail after checking its chain.

The audit trail stores, per event, the contacts it reached and the categories it returned over all
its objects, not the categories per contact. The scope therefore attributes every category an
event returned to every contact of that event: an upper bound (a page of contacts with their
financial records counts `financial` for every contact of the page, even one without a record),
which is the safe side for a notification. Contacts of events that returned no category at all
(the operation was refused, or reached a contact without a lawful basis and returned nothing) are
counted apart, as reached without data. docs/accountability.md explains the choice."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from audit.chain import GENESIS, Break, check_link, digest, iso_utc, rows, seal_pending
from data.scope import TenantScope
from models import AuditEvent, AuditHead, Session, User

MAX_BREAKS = 100  # a chain broken in more places than this is reported as "and more"


class ScopeError(ValueError):
    """A request for a scope that cannot be answered (an unknown user or session, two selectors,
    an empty window). `not_found`: the thing named does not exist in the tenant."""

    def __init__(self, message: str, *, not_found: bool = False):
        super().__init__(message)
        self.not_found = not_found


@dataclass(frozen=True)
class ScopeRequest:
    """Whose accesses, when. At most one of `email`, `token_id`, `session_id`; none means every
    principal of the tenant. `since` is inclusive, `until` exclusive (as in auditEvents)."""

    tenant_id: int
    email: str | None = None
    token_id: int | None = None
    session_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class Target:
    """A ScopeRequest resolved: the principal as the audit trail names it, and the window."""

    principal: str | None
    since: datetime | None
    until: datetime | None


@dataclass
class ChainCheck:
    """The verification of the chain over the window: from the last event before it (the anchor)
    to the first event after it, or to the head when the window reaches the end."""

    first_seq: int | None = None
    last_seq: int | None = None
    events: int = 0
    breaks: list[Break] = field(default_factory=list)
    more_breaks: bool = False

    @property
    def ok(self) -> bool:
        return not self.breaks

    def add(self, broken: Break) -> None:
        if len(self.breaks) < MAX_BREAKS:
            self.breaks.append(broken)
        else:
            self.more_breaks = True


@dataclass
class Scope:
    target: Target
    chain: ChainCheck
    events: int = 0
    categories: dict[str, int] = field(default_factory=dict)  # category -> data subjects
    contact_ids: list[int] = field(default_factory=list)
    reached_without_data: list[int] = field(default_factory=list)
    operations: dict[str, int] = field(default_factory=dict)
    records: int = 0  # (contact, category) pairs returned

    @property
    def data_subjects(self) -> int:
        return len(self.contact_ids)

    def as_json(self) -> dict:
        return {
            "principal": self.target.principal,
            "since": iso_utc(self.target.since) if self.target.since else None,
            "until": iso_utc(self.target.until) if self.target.until else None,
            "chain": {"ok": self.chain.ok, "checkedFromSeq": self.chain.first_seq,
                      "checkedToSeq": self.chain.last_seq, "eventsChecked": self.chain.events,
                      "breaks": [{"eventId": b.event_id, "seq": b.seq, "reason": b.reason}
                                 for b in self.chain.breaks],
                      "moreBreaks": self.chain.more_breaks},
            "events": self.events,
            "dataSubjects": self.data_subjects,
            "records": self.records,
            "categories": self.categories,
            "contactIds": self.contact_ids,
            "reachedWithoutData": self.reached_without_data,
            "operations": self.operations,
        }


# -- resolving the request ------------------------------------------------------------------------
async def resolve(request: ScopeRequest) -> Target:
    named = [n for n in (request.email, request.token_id, request.session_id) if n is not None]
    if len(named) > 1:
        raise ScopeError("name at most one of a principal's email, a token or a session")
    if request.since and request.until and request.since >= request.until:
        raise ScopeError("the window is empty: since must be before until")
    since, until = request.since, request.until
    if request.email is not None:
        user = await TenantScope(request.tenant_id).rows(User).get_or_none(email=request.email)
        if user is None:
            raise ScopeError("no user with that email in this tenant", not_found=True)
        return Target(user.subject, since, until)
    if request.token_id is not None:  # the token row may be gone (retention); its events stay
        return Target(f"token:{request.token_id}", since, until)
    if request.session_id is not None:
        return await _session_target(request, since, until)
    return Target(None, since, until)


async def _session_target(request: ScopeRequest, since, until) -> Target:
    """Events carry the user, not the session: a session narrows the window to its lifetime
    (created until revoked or expired), for its user. Other sessions of the same user inside that
    lifetime are included too: the trail cannot tell them apart."""
    sessions = TenantScope(request.tenant_id).rows(Session)
    session = await sessions.get_or_none(id=request.session_id)
    if session is None:
        raise ScopeError("no session with that id in this tenant", not_found=True)
    ended = min(t for t in (session.revoked_at, session.expires_at) if t is not None)
    since = max(since, session.created_at) if since else session.created_at
    until = min(until, ended) if until else ended
    return Target(f"user:{session.user_id}", since, until)


# -- one pass: verify the window's chain and gather the target's events ----------------------------
async def _anchor_seq(tenant_id: int, since: datetime | None) -> int:
    """The seq of the last event before the window (0: the window starts at the genesis)."""
    if since is None:
        return 0
    events = TenantScope(tenant_id).rows(AuditEvent)
    row = await events.filter(at__lt=since).order_by("-at", "-seq").limit(1).values("seq")
    return row[0]["seq"] if row else 0


async def _end_seq(tenant_id: int, until: datetime | None) -> int | None:
    """The seq of the first event after the window, or None when the window reaches the end."""
    if until is None:
        return None
    events = TenantScope(tenant_id).rows(AuditEvent)
    row = await events.filter(at__gte=until).order_by("at", "seq").limit(1).values("seq")
    return row[0]["seq"] if row else None


def _in_window(row: dict, target: Target) -> bool:
    at = row["at"]
    return ((target.since is None or at >= target.since)
            and (target.until is None or at < target.until))


async def scope(request: ScopeRequest, batch: int = 5000) -> Scope:
    target = await resolve(request)
    # Events recorded but not sealed yet (docs/audit.md: the sealer) join the chain first, so the
    # scope covers every answered request and the check covers every event it counts.
    await seal_pending(request.tenant_id)
    anchor = await _anchor_seq(request.tenant_id, target.since)
    end = await _end_seq(request.tenant_id, target.until)
    check = ChainCheck(first_seq=anchor or 1)
    gather = _Gathering(target)
    expected, prev_hash, last = anchor or 1, GENESIS, None
    async for row in rows(request.tenant_id, batch, anchor or 1, end):
        if row["seq"] == anchor and anchor:  # the anchor: its own hash only, then it is the link
            if digest(row) != row["hash"]:
                check.add(Break(row["id"], row["seq"], "hash mismatch: the row was edited after it "
                                                       "was written"))
        else:
            reason = check_link(row, expected, prev_hash)
            if reason:
                check.add(Break(row["id"], row["seq"], reason))
            if row["seq"] != end and _in_window(row, target):
                gather.add(row)
        check.events += 1
        expected, prev_hash, last = row["seq"] + 1, row["hash"], row
    check.last_seq = last["seq"] if last else None
    if end is None:
        await _check_head(request.tenant_id, check, last)
    elif last is None or last["seq"] != end:
        check.add(Break(None, end, "the first event after the window is missing"))
    return gather.result(check)


async def _check_head(tenant_id: int, check: ChainCheck, last: dict | None) -> None:
    head = await TenantScope(tenant_id).rows(AuditHead).get_or_none()
    at_id, at_seq = (last["id"], last["seq"]) if last else (None, None)
    if head is None:
        if last is not None:
            check.add(Break(at_id, at_seq, "head missing: the chain has events but no head"))
        return
    if last is None:
        if head.seq:
            check.add(Break(None, None, f"head mismatch: the head says seq {head.seq} but no "
                                        "event exists in or after the window"))
    elif head.seq != last["seq"] or head.hash != last["hash"]:
        check.add(Break(at_id, at_seq, f"head mismatch: the head says seq {head.seq}, the chain "
                                       f"ends at seq {last['seq']} (events deleted at the end, "
                                       "added behind the head, or the head edited)"))


class _Gathering:
    """The target's events of the window, folded into per-contact categories as they stream by."""

    def __init__(self, target: Target):
        self.target = target
        self.events = 0
        self.by_contact: dict[int, set[str]] = {}
        self.reached: set[int] = set()
        self.operations: Counter = Counter()

    def add(self, row: dict) -> None:
        if self.target.principal is not None and row["principal"] != self.target.principal:
            return
        self.events += 1
        self.operations[row["operation"]] += 1
        returned = row["categories_returned"]
        for contact_id in row["contact_ids"]:
            if returned:
                self.by_contact.setdefault(contact_id, set()).update(returned)
            else:
                self.reached.add(contact_id)

    def result(self, check: ChainCheck) -> Scope:
        per_category: Counter = Counter()
        for categories in self.by_contact.values():
            per_category.update(categories)
        return Scope(target=self.target, chain=check, events=self.events,
                     categories=dict(sorted(per_category.items())),
                     contact_ids=sorted(self.by_contact),
                     reached_without_data=sorted(self.reached - self.by_contact.keys()),
                     operations=dict(self.operations.most_common()),
                     records=sum(per_category.values()))

