"""The sub-processor register (GDPR Art. 28(2), (4)): config/subprocessors.yaml, loaded and
recorded at every start. Each new content becomes a numbered, dated version with what changed;
each tenant acknowledges versions, and sees the ones recorded since its last acknowledgement.

The file is the one place the register is written; the database keeps its history, so every
worker and every command answers from the same versions."""

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

import yaml
from tortoise.exceptions import IntegrityError

from config import ConfigError
from data.scope import TenantScope, insert_rows
from models import SubprocessorAcknowledgement, SubprocessorRegisterVersion
from policies.vocabulary import Category, Purpose

REGISTER = Path(__file__).resolve().parents[1] / "config" / "subprocessors.yaml"
# The European Economic Area: the EU's 27 and Iceland, Liechtenstein, Norway (ISO 3166 alpha-2).
EEA = frozenset("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE "
                "IS LI NO".split())
FIELDS = ("name", "service", "purposes", "categories", "location", "safeguards")


class RegisterError(ConfigError):
    """The register file cannot be used: says which entry and field."""


@dataclass(frozen=True)
class Subprocessor:
    name: str
    service: str
    purposes: tuple[str, ...]
    categories: tuple[str, ...]
    location: str
    safeguards: str

    @property
    def outside_eea(self) -> bool:
        return self.location not in EEA


@dataclass(frozen=True)
class Register:
    processor: dict
    subprocessors: tuple[Subprocessor, ...]

    def as_json(self) -> dict:
        return {"processor": self.processor,
                "subprocessors": [{**asdict(s), "purposes": list(s.purposes),
                                   "categories": list(s.categories)} for s in self.subprocessors]}

    @property
    def digest(self) -> str:
        text = json.dumps(self.as_json(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


def _entry(raw, position: int) -> Subprocessor:
    where = f"subprocessors[{position}]"
    if not isinstance(raw, dict) or set(raw) != set(FIELDS):
        raise RegisterError(f"{where}: needs exactly the keys {', '.join(FIELDS)}")
    for key in ("name", "service", "location", "safeguards"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise RegisterError(f"{where}.{key}: a non-empty text")
    known = {"purposes": {p.value for p in Purpose}, "categories": {c.value for c in Category}}
    for key, allowed in known.items():
        values = raw[key]
        if not isinstance(values, list) or not values or not set(values) <= allowed:
            raise RegisterError(f"{where}.{key}: a non-empty list of {', '.join(sorted(allowed))}")
    location = raw["location"].strip().upper()
    if len(location) != 2 or not location.isalpha():
        raise RegisterError(f"{where}.location: an ISO 3166 country code such as DE")
    return Subprocessor(raw["name"].strip(), raw["service"].strip(), tuple(raw["purposes"]),
                        tuple(raw["categories"]), location, raw["safeguards"].strip())


def load(path: Path = REGISTER) -> Register:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise RegisterError(f"{path}: {type(error).__name__}") from None
    if not isinstance(data, dict) or not isinstance(data.get("processor"), dict):
        raise RegisterError(f"{path}: needs a `processor` mapping and a `subprocessors` list")
    entries = data.get("subprocessors")
    if not isinstance(entries, list):
        raise RegisterError(f"{path}: `subprocessors` must be a list")
    subprocessors = tuple(_entry(raw, n) for n, raw in enumerate(entries))
    names = [s.name for s in subprocessors]
    if len(set(names)) != len(names):
        raise RegisterError(f"{path}: a sub-processor is listed twice")
    return Register({k: str(v) for k, v in data["processor"].items()}, subprocessors)


def changes(before: dict | None, after: dict) -> list[str]:
    """What a new version changes, in words: added, removed, and changed entries with their fields."""
    if before is None:
        return ["first version of the register"]
    old = {e["name"]: e for e in before["subprocessors"]}
    new = {e["name"]: e for e in after["subprocessors"]}
    said = [f"added {name}" for name in new if name not in old]
    said += [f"removed {name}" for name in old if name not in new]
    for name in new.keys() & old.keys():
        fields = [key for key in FIELDS if new[name][key] != old[name][key]]
        if fields:
            said.append(f"changed {name}: {', '.join(fields)}")
    if before["processor"] != after["processor"]:
        said.append("changed the processor's details")
    return sorted(said)


async def latest() -> SubprocessorRegisterVersion | None:
    return await SubprocessorRegisterVersion.all().order_by("-number").first()


async def record(register: Register) -> SubprocessorRegisterVersion:
    """The register's current version: the latest recorded one if the content is the same, else
    a new version numbered after it (two workers starting together: one insert wins, the other
    finds it)."""
    for _attempt in range(3):
        current = await latest()
        if current is not None and current.digest == register.digest:
            return current
        content = register.as_json()
        try:
            return await SubprocessorRegisterVersion.create(
                number=(current.number + 1) if current else 1, digest=register.digest,
                recorded_at=datetime.now(timezone.utc), entries=content,
                changes=changes(current.entries if current else None, content))
        except IntegrityError:
            continue
    raise RegisterError("the register is being recorded by another process; try again")


async def record_file(path: Path = REGISTER) -> SubprocessorRegisterVersion:
    return await record(load(path))


@dataclass(frozen=True)
class TenantView:
    """The register as one tenant sees it: the current version and what changed since it last
    acknowledged one (every version, if it never did)."""

    current: SubprocessorRegisterVersion
    acknowledged: SubprocessorAcknowledgement | None
    unacknowledged: list[SubprocessorRegisterVersion]


async def tenant_view(tenant_id: int) -> TenantView:
    current = await latest()
    if current is None:  # nothing started since the migration: record the file now
        current = await record_file()
    ack = await (TenantScope(tenant_id).rows(SubprocessorAcknowledgement)
                 .order_by("-version_id").select_related("version").first())
    number = ack.version.number if ack else 0
    since = await SubprocessorRegisterVersion.filter(number__gt=number).order_by("number")
    return TenantView(current, ack, since)


class StaleAcknowledgement(ValueError):
    pass


async def acknowledge(tenant_id: int, number: int, user_id: int | None) -> TenantView:
    """Acknowledge the current version, named by its number, so nobody acknowledges a version
    they have not seen (a change recorded in between makes this StaleAcknowledgement)."""
    current = await latest()
    if current is None or current.number != number:
        raise StaleAcknowledgement(f"version {number} is not the current version of the register"
                                   + (f" ({current.number})" if current else ""))
    acknowledgement = TenantScope(tenant_id).new(
        SubprocessorAcknowledgement, version_id=current.id,
        acknowledged_at=datetime.now(timezone.utc), acknowledged_by_id=user_id)
    await insert_rows(SubprocessorAcknowledgement, [acknowledgement], ignore_conflicts=True)
    return await tenant_view(tenant_id)
