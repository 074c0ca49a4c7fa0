"""Decision tables: the policy written down as flat, reviewable rows, and checked.

A row says: this principal, asking about a contact of this tenant in this state, for this purpose,
to do this action on this object (a data category or a resource), gets this decision and code.
Tables live in `policies/tests/` (docs/policy-as-code.md describes the format): CSV for big flat
tables, YAML when a table also brings policy lines of its own (tenant rules). Every table is
decided by an in-memory engine built from model.conf, the built-in policy (or `--policy FILE`) and
the table's lines, through `policies.verdict.judge`: the rule order and the engine methods the
server uses. `salesplus policy test` and tests/policies/test_tables.py run them."""

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from policies.adapter import BUILTIN_POLICY, MODEL_CONF, MemorySource
from policies.decision import TokenScope
from policies.engine import PolicyEngine, domain_of
from policies.tenant_policy import Builtin
from policies.verdict import ContactFacts, Explanation, Question, judge
from policies.vocabulary import BasisState, ErrorCode

TABLES = Path(__file__).with_name("tests")
COLUMNS = ("principal", "tenant", "purpose", "object", "action", "state", "decision", "code")
HOME = 1  # every row's principal belongs to tenant 1; `tenant` is the tenant of the contact
NO_CONTACT, MISSING, EXPLICIT = "-", "missing", "explicit"
STATES = {s.value for s in BasisState} | {NO_CONTACT, MISSING, EXPLICIT}


class TableError(ValueError):
    """A table that cannot be read: says the file and line."""


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    principal: str
    tenant: str
    purpose: str
    object: str
    action: str
    state: str
    decision: str
    code: str

    def __str__(self) -> str:
        return (f"{self.principal} | tenant {self.tenant} | {self.purpose} | {self.object} | "
                f"{self.action} | {self.state}")

    @property
    def expected(self) -> str:
        return self.decision if self.decision == "allow" else f"deny {self.code}"


@dataclass
class Table:
    path: Path
    rows: list[Row]
    lines: list[list[str]] = field(default_factory=list)  # the table's own policy lines
    builtin: bool = True  # False: model.conf alone, no built-in policy (the empty-policy table)


@dataclass(frozen=True)
class Result:
    row: Row
    actual: Explanation
    engine: PolicyEngine  # the table's engine, to explain a failing row

    def explain(self) -> Explanation:
        """The row decided again, with the policy lines that decided."""
        return judge(self.engine, question(self.row), explain=True)

    @property
    def passed(self) -> bool:
        code = self.actual.code.value if self.actual.code else ""
        return (("allow" if self.actual.allowed else "deny"), code) == (self.row.decision, self.row.code)

    @property
    def got(self) -> str:
        return "allow" if self.actual.allowed else f"deny {self.actual.code.value}"


# -- reading ----------------------------------------------------------------------------------------
def discover(paths=()) -> list[Path]:
    """The given files (directories: their tables), or every table of policies/tests/."""
    found, default = [], TABLES.relative_to(Path.cwd()) if TABLES.is_relative_to(Path.cwd()) else TABLES
    for path in [Path(p) for p in paths] or [default]:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in (".csv", ".yaml", ".yml"))
        else:
            found.append(path)
    return found


def load(path: Path) -> Table:
    if not path.is_file():
        raise TableError(f"{path}: no such file")
    return _load_csv(path) if path.suffix == ".csv" else _load_yaml(path)


def _row(path: Path, line: int, values: list[str]) -> Row:
    values = [str(v).strip() for v in values]
    if len(values) == len(COLUMNS) - 1:
        values.append("")  # an allow row may leave the code out
    if len(values) != len(COLUMNS):
        raise TableError(f"{path}:{line}: {len(values)} columns, expected {', '.join(COLUMNS)}")
    row = Row(str(path), line, *values)
    if row.decision not in ("allow", "deny"):
        raise TableError(f"{path}:{line}: decision must be allow or deny, not {row.decision!r}")
    if (row.decision == "allow") != (row.code == "") or (row.code and row.code not in ErrorCode.__members__):
        raise TableError(f"{path}:{line}: an allow has no code, a deny one code of api.md")
    if row.state not in STATES or not row.tenant.isdigit():
        raise TableError(f"{path}:{line}: state must be one of {sorted(STATES)}, tenant a number")
    return row


def _load_csv(path: Path) -> Table:
    rows, header = [], None
    with path.open(newline="") as handle:
        for number, values in enumerate(csv.reader(handle), start=1):
            if not values or values[0].lstrip().startswith("#"):
                continue
            if header is None:
                header = [v.strip() for v in values]
                if tuple(header) != COLUMNS:
                    raise TableError(f"{path}:{number}: the header must be {','.join(COLUMNS)}")
                continue
            rows.append(_row(path, number, values))
    return Table(path, rows)


def _load_yaml(path: Path) -> Table:
    text = path.read_text()
    try:
        data, root = yaml.safe_load(text) or {}, yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise TableError(f"{path}: {error}") from None
    nodes = {key.value: value for key, value in root.value} if root is not None else {}
    if "rows" not in nodes:
        raise TableError(f"{path}: a table needs `rows:`")
    rows = [_row(path, node.start_mark.line + 1, values)
            for node, values in zip(nodes["rows"].value, data["rows"] or [])]
    lines = [[v.strip() for v in str(line).split(",")] for line in data.get("lines") or []]
    policy = data.get("policy", "builtin")
    if policy not in ("builtin", "none"):
        raise TableError(f"{path}: policy must be builtin or none")
    return Table(path, rows, lines, builtin=policy == "builtin")


# -- deciding ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Principal:
    subject: str | None
    roles: tuple[str, ...] = ()
    scope: TokenScope | None = None


def principal_of(text: str) -> Principal:
    """`admin`, `sales+marketing` (a user holding these roles in tenant 1), `user:7` (a subject
    whose lines the table gives), `nobody` (holds no role), `anonymous` (not authenticated),
    `token(issuer=sales; purposes=sales; categories=identity email; actions=read)`."""
    if text == "anonymous":
        return Principal(None)
    if text.startswith("token(") and text.endswith(")"):
        parts = dict(part.split("=", 1) for part in text[6:-1].split(";") if "=" in part)
        parts = {key.strip(): value.split() for key, value in parts.items()}
        issuer = principal_of(" ".join(parts.get("issuer", ["nobody"])))
        scope = TokenScope(*(frozenset(parts.get(key, ())) for key in ("purposes", "categories", "actions")))
        return Principal(issuer.subject, issuer.roles, scope)
    if ":" in text:
        return Principal(text)
    roles = () if text == "nobody" else tuple(text.split("+"))
    return Principal(f"user:as-{text}", roles)


def question(row: Row) -> Question:
    principal = principal_of(row.principal)
    contact = None
    if row.state == MISSING:
        contact = ContactFacts(None)
    elif row.state != NO_CONTACT:
        state = BasisState.GRANTED if row.state == EXPLICIT else BasisState(row.state)
        contact = ContactFacts(int(row.tenant), state, explicit=row.state == EXPLICIT)
    return Question(principal.subject, HOME, row.purpose, None if row.object == "-" else row.object,
                    row.action, contact, principal.scope)


def _builtin(policy_path: Path | None, model_path: Path) -> Builtin:
    return _parsed(policy_path, model_path, policy_path.read_bytes() if policy_path else b"",
                   model_path.read_bytes())


@cache
def _parsed(policy_path: Path | None, model_path: Path, _policy: bytes, _model: bytes) -> Builtin:
    """Parsed once per file content (a test may rewrite a file between runs)."""
    return Builtin(model_path=model_path, policy_path=policy_path)


async def engine_for(table: Table, policy_path: Path = BUILTIN_POLICY,
                     model_path: Path = MODEL_CONF) -> PolicyEngine:
    """model.conf + the built-in policy (unless the table says `policy: none`) + the table's lines
    + a role line for each role a row's principal holds."""
    roles = {(p.subject, role) for p in map(principal_of, (r.principal for r in table.rows))
             for role in p.roles}
    lines = [*table.lines, *(["g", subject, role, domain_of(HOME)] for subject, role in sorted(roles))]
    builtin = _builtin(Path(policy_path) if table.builtin else None, Path(model_path))
    engine = PolicyEngine(MemorySource(lines), builtin)
    await engine.prepare(domain_of(HOME))
    return engine


async def run(paths=(), policy_path: Path = BUILTIN_POLICY) -> list[Result]:
    results = []
    for path in discover(paths):
        table = load(path)
        engine = await engine_for(table, policy_path)
        results += [Result(row, judge(engine, question(row)), engine) for row in table.rows]
    return results
