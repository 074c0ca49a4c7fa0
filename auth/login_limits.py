"""Failed-login limits counted in the database: one count for every worker and host, atomic, and
unaffected by a Redis outage (docs/tokens.md#rate-limits).

Each attempt first *reserves* its place: one statement (`INSERT … ON CONFLICT DO UPDATE … RETURNING`)
adds 1 to the key's counter for the current window and returns the new count, under the row's lock,
so concurrent attempts on any number of workers get distinct counts and at most the limit of them
go on to the password check. A failed password keeps its place; a success, a refusal or any other
outcome gives it back. The limit holds over a sliding window, estimated the usual way from two
fixed windows (the current count plus the previous window's, weighted by how much of it still
overlaps), so a burst across a window boundary gains nothing.

Why not the `limits` library used for request limits: its storages are Redis (which must stay an
optimisation here) and process memory (each worker would count alone: with two workers, twice
the limit); neither gives a count shared through the database."""

import hashlib
import math
import time
from dataclasses import dataclass

from limits import RateLimitItem
from tortoise import connections

from policies.versions import placeholder

RESERVE = ("INSERT INTO login_counter (key, window_start, hits) VALUES ({0}, {1}, 1)"
           " ON CONFLICT (key, window_start) DO UPDATE SET hits = login_counter.hits + 1"
           " RETURNING hits")
PREVIOUS = "SELECT hits FROM login_counter WHERE key = {0} AND window_start = {1}"
RELEASE = "UPDATE login_counter SET hits = hits - 1 WHERE key = {0} AND window_start = {1} AND hits > 0"
PRUNE = "DELETE FROM login_counter WHERE window_start < {0}"


@dataclass(frozen=True)
class Place:
    """A reserved place in one limit's current window."""

    key: str
    window_start: int


def _sql(template: str, connection) -> str:
    return template.format(*(placeholder(connection, n) for n in range(1, 3)))


def retry_after(amount: int, length: int, counted: int, previous: int, elapsed: float) -> int:
    """Seconds until one more attempt fits (at most the window's length, as for an exact moving
    window): `counted` attempts in the current window (`elapsed` seconds into it), `previous` in
    the window before."""
    room = amount - 1 - counted  # what the previous window's weighted share must shrink to
    if room >= 0 and previous > 0:
        wait = length * (1 - room / previous) - elapsed
    elif room >= 0:
        wait = 0.0
    else:  # full on its own: wait for the next window, then for this one's share to shrink
        wait = (length - elapsed) + length * max(0.0, 1 - (amount - 1) / max(counted, 1))
    return max(1, min(length, math.ceil(wait)))


async def reserve(item: RateLimitItem, key: str) -> tuple[Place | None, int]:
    """Take a place under `item` for `key`: (the place, 0), or (None, Retry-After) when full."""
    connection = connections.get("default")
    length, now = int(item.get_expiry()), time.time()
    start = int(now // length * length)
    # Stored as a hash: no client address lands in the table, and any key fits the column.
    full_key = hashlib.sha256(f"{key}:{item.amount}/{length}".encode()).hexdigest()
    rows = await connection.execute_query_dict(_sql(RESERVE, connection), [full_key, start])
    counted = rows[0]["hits"]
    previous_rows = await connection.execute_query_dict(_sql(PREVIOUS, connection),
                                                        [full_key, start - length])
    previous = previous_rows[0]["hits"] if previous_rows else 0
    elapsed = now - start
    if counted + previous * (1 - elapsed / length) <= item.amount:
        return Place(full_key, start), 0
    await release(Place(full_key, start))
    return None, retry_after(item.amount, length, counted - 1, previous, elapsed)


async def release(place: Place) -> None:
    connection = connections.get("default")
    await connection.execute_query(_sql(RELEASE, connection), [place.key, place.window_start])


async def prune(longest_seconds: int) -> None:
    """Forget windows that can no longer count (older than two of the longest window)."""
    connection = connections.get("default")
    await connection.execute_query(PRUNE.format(placeholder(connection, 1)),
                                   [int(time.time()) - 2 * longest_seconds])
