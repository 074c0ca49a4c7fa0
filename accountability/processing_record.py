"""The record of processing activities a processor keeps for each controller (GDPR Art. 30(2)),
generated from what the system itself declares, never typed a second time:

- controller: the tenant; processor: the `processor` section of the sub-processor register;
- purposes and their lawful bases: the policy engine (built-in and the tenant's own purposes),
  with the data categories some role of the tenant may read or write for each;
- data categories and the fields they cover: the field catalog (models/personal.py), the one
  declaration the GraphQL types, the decision point, export and erasure also read;
- sub-processors and transfers outside the EEA: the register (config/subprocessors.yaml);
- technical measures: read from the code, the configuration and the database in use (the
  argon2id parameters of a hash made now, the audit extension in the schema, row-level security
  from PostgreSQL's catalogue, TLS from the settings `salesplus serve` reads), and said plainly
  where a measure is not provided by this software."""

from datetime import datetime, timezone

from tortoise import connections

import models

from accountability import subprocessors
from auth import passwords
from data import sealed
from data.scope import TenantScope
from models import AuditHead, Tenant
from models.personal import catalog
from policies.engine import PolicyEngine
from policies.vocabulary import Action, Category, Resource

DATA_SUBJECTS = ("the controller's contacts: customers, prospects and their staff, whose data the "
                 "controller keeps on the platform")


def catalogued_fields() -> dict[str, list[str]]:
    """category -> `Model.field` (API names) of every column of the field catalog."""
    by_category: dict[str, list[str]] = {c.value: [] for c in Category}
    for name in models.__all__:
        model = getattr(models, name)
        for column in catalog(model):
            by_category[column.category.value].append(f"{name}.{column.api_name}")
    return by_category


def _purposes(engine: PolicyEngine, domain: str) -> list[dict]:
    policy = engine.tenant(domain)
    roles = sorted(set(policy.enforcer.get_all_subjects()))
    result = []
    for purpose, basis, built_in in sorted(engine.purpose_bases(domain)):
        processed = {action.value: [c.value for c in Category
                                    if any(engine.permits(role, domain, c.value, action.value, purpose)
                                           for role in roles)]
                     for action in (Action.READ, Action.WRITE)}
        users = [role for role in roles if engine.permits(role, domain, Resource.PURPOSE.value, Action.USE.value, purpose)]
        result.append({"purpose": purpose, "lawfulBasis": basis, "builtIn": built_in,
                       "roles": users, "categoriesRead": processed["read"], "categoriesWritten": processed["write"]})
    return result


def _password_hashing() -> str:
    """The parameters of a hash made with the code in force (`$argon2id$v=19$m=…,t=…,p=…$`)."""
    _empty, variant, version, parameters, *_rest = passwords.dummy_hash().split("$")
    return f"{variant} ({version}, {parameters.replace(',', ', ')}) for user passwords"


async def _row_level_security(dialect: str) -> dict:
    if dialect != "postgres":
        return {"inForce": False, "detail": f"not available on {dialect}: tenant isolation is "
                "enforced by the application's queries only"}
    rows = await connections.get("default").execute_query_dict(
        "SELECT c.relname AS name FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
        "WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace "
        "AND a.attname = 'tenant_id' AND NOT a.attisdropped AND c.relrowsecurity ORDER BY 1")
    tables = [row["name"] for row in rows]
    return {"inForce": bool(tables), "tables": tables,
            "detail": ("PostgreSQL row-level security on " + ", ".join(tables)) if tables else
            "no tenant table has row-level security enabled in this database"}


def _audit_extension_in_force(graphql_schema) -> bool:
    from audit.extension import AuditTrail  # noqa: PLC0415

    return AuditTrail in graphql_schema.extensions


async def _measures(tenant: Tenant, graphql_schema) -> list[dict]:
    dialect = connections.get("default").capabilities.dialect
    head = await TenantScope(tenant.id).rows(AuditHead).get_or_none()
    audited = _audit_extension_in_force(graphql_schema)
    return [
        {"measure": "password hashing", "inForce": True, "detail": _password_hashing()},
        {"measure": "access control", "inForce": True, "detail": "every read and write decided "
         "by the Casbin policy (policies/), deny by default, per purpose, role and data category"},
        {"measure": "audit trail", "inForce": audited,
         "detail": (f"every GraphQL operation on personal data recorded in a SHA-256 hash chain per "
                    f"tenant; this tenant's chain holds {head.seq if head else 0} events")
         if audited else "the audit extension is not part of the schema in use"},
        {"measure": "row-level security", **(await _row_level_security(dialect))},
        {"measure": "TLS", **_tls()},
        {"measure": "encryption at rest", "inForce": True, "detail": await _encryption(tenant)},
    ]


def _tls() -> dict:
    """Whether `salesplus serve` terminates TLS with the settings in force (docs/security.md)."""
    from config import load_settings  # noqa: PLC0415  (read afresh, as the command line does)

    hsts = "answers to HTTPS requests carry Strict-Transport-Security"
    if load_settings().tls_cert is not None:
        return {"inForce": True, "detail": f"terminated by `salesplus serve` (uvicorn's TLS, "
                                           f"SALESPLUS_TLS_CERT); {hsts}"}
    return {"inForce": False, "detail": "not terminated by `salesplus serve` in this configuration "
            "(no SALESPLUS_TLS_CERT): a TLS-terminating proxy in front must provide it, trusted "
            f"through SALESPLUS_FORWARDED_ALLOW_IPS; {hsts}"}


async def _encryption(tenant: Tenant) -> str:
    """What data/sealed.py encrypts for the tenant, from the catalog and its opt-ins."""
    opted = await sealed.opted_categories(tenant.id)
    columns = [f"{m.__name__}.{c.api_name}" for m in sealed.ENCRYPTED_MODELS
               for c in sealed.encrypted_columns(m, opted)]
    return (f"AES-256-GCM, a data key per contact (destroyed by erasure), wrapped by a tenant key "
            f"wrapped by the master key: {', '.join(columns)}; other columns rely on the storage's "
            "own encryption (docs/security.md)")


async def build(tenant: Tenant, engine: PolicyEngine, graphql_schema=None,
                register: subprocessors.Register | None = None) -> dict:
    if graphql_schema is None:
        from schema import schema as graphql_schema  # noqa: PLC0415
    register = register or subprocessors.load()
    await engine.prepare(tenant.domain)
    fields = catalogued_fields()
    return {
        "generatedAt": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "controller": {"name": tenant.name, "tenant": tenant.slug},
        "processor": register.processor,
        "dataSubjects": DATA_SUBJECTS,
        "purposes": _purposes(engine, tenant.domain),
        "categories": [{"category": c, "fields": f} for c, f in fields.items()],
        "subprocessors": register.as_json()["subprocessors"],
        "transfersOutsideEea": [{"recipient": s.name, "country": s.location,
                                 "safeguards": s.safeguards}
                                for s in register.subprocessors if s.outside_eea],
        "technicalMeasures": await _measures(tenant, graphql_schema),
    }
