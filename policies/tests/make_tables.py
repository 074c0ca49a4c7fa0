"""Writes default.csv and resources.csv of this folder from policy.md, NOT from policy.csv.

The tables below are policy.md §5 (roles), §2 (purposes and their lawful basis) and §4 (the rules
and their order) copied by hand; the committed CSV files are the reviewable truth. Change the spec,
then these tables, run `python policies/tests/make_tables.py`, and review the diff of the CSV files:
`salesplus policy test` then says whether policy.csv agrees.

Readings of policy.md where it is terse (docs/policy.md, "Decisions taken"): `sales` is legitimate
interest, `support` and `billing` contract; admin "writes all" means every data category including
`sensitive`, and consent and objection records for its purposes; the dpo writes no data category;
"consent records" of marketing include objections; rule 6 governs reading (writing a special-
category field is decided by rules 4 and 5)."""

import csv
import sys
from pathlib import Path

HERE = Path(__file__).parent
CATEGORIES = ("identity", "contact_details", "preferences", "interaction_metadata",
              "interaction_content", "commercial", "financial", "location", "competitive", "sensitive")
PURPOSES = ("sales", "support", "billing", "marketing", "surveys", "analytics", "fraud_prevention",
            "legal_compliance")
STATES = ("none", "granted", "withdrawn", "objected", "restricted", "explicit")
INTERACTIONS = ("interaction_metadata", "interaction_content")
ALL_BUT_LEGAL = tuple(p for p in PURPOSES if p != "legal_compliance")
ALL_BUT_SENSITIVE = tuple(c for c in CATEGORIES if c != "sensitive")

# policy.md §5: role -> (purposes, reads, writes)
SALES_READS = ("identity", "contact_details", "preferences", *INTERACTIONS, "commercial", "location",
               "competitive")
ROLES = {
    "admin": (ALL_BUT_LEGAL, ALL_BUT_SENSITIVE, CATEGORIES),
    "sales": (("sales", "support"), SALES_READS, SALES_READS),
    "support": (("support",), ("identity", "contact_details", "preferences", *INTERACTIONS),
                (*INTERACTIONS, "preferences")),
    "marketing": (("marketing", "surveys"), ("identity", "contact_details", "preferences"),
                  ("preferences",)),
    "analyst": (("analytics",), ("commercial", "interaction_metadata", "location", "financial"), ()),
    "finance": (("billing",), ("identity", "contact_details", "commercial", "financial"), ("financial",)),
    "dpo": (PURPOSES, CATEGORIES, ()),
}

# policy.md §2: purpose -> lawful basis; §4 rule 5: basis -> accepted contact states
BASIS = {"sales": "legitimate_interest", "support": "contract", "billing": "contract",
         "marketing": "consent", "surveys": "consent", "analytics": "legitimate_interest",
         "fraud_prevention": "legitimate_interest", "legal_compliance": "legal_obligation"}
ACCEPTS = {
    "consent": {"granted", "explicit"},
    "legitimate_interest": {"granted", "explicit", "withdrawn", "none"},  # denied once objected
    "contract": {"granted", "explicit", "withdrawn", "none", "objected"},
    "legal_obligation": set(STATES),  # restricted contacts are visible for legal_compliance only
}

# policy.md §5, the resources of the "writes" column: (resource, action) -> {role: purposes}
RECORDS = {"admin": ALL_BUT_LEGAL, "marketing": ("marketing", "surveys"), "dpo": PURPOSES}
RESOURCES = {
    ("consent", "record"): RECORDS,
    ("objection", "record"): RECORDS,
    ("restriction", "set"): {"dpo": ("legal_compliance",)},
    ("erasure", "execute"): {"dpo": ("legal_compliance",)},
    ("dsr", "manage"): {"dpo": ("legal_compliance",)},
    ("incident", "manage"): {"dpo": ("legal_compliance",)},  # breach scope and incidents
}
ADMINISTRATION = {  # not purpose-bound: "users, roles, tokens" (admin), "reads the audit log" (dpo)
    ("users", "manage"): ("admin",),
    ("tokens", "manage"): ("admin",),
    ("policy", "manage"): ("admin",),
    ("audit", "read"): ("admin", "dpo"),
    ("legal_process", "read"): ("dpo",),
    ("principals", "explain"): ("admin", "dpo"),
    ("subprocessors", "read"): ("admin", "dpo"),  # the register of Art. 28(2), for the controller
    ("subprocessors", "acknowledge"): ("admin", "dpo"),
}
HEADER = ["principal", "tenant", "purpose", "object", "action", "state", "decision", "code"]


def expected(role: str, purpose: str, category: str, action: str, state: str) -> tuple[str, str]:
    """policy.md §4, first failing rule decides (rule 2 always holds: tenant 1 is the role's)."""
    purposes, reads, writes = ROLES[role]
    if purpose not in purposes:
        return "deny", "PURPOSE_NOT_ALLOWED"  # rule 3
    if category not in (reads if action == "read" else writes):
        return "deny", "FORBIDDEN"  # rule 4
    if state not in ACCEPTS[BASIS[purpose]]:
        return "deny", "PROCESSING_RESTRICTED" if state == "restricted" else "CONSENT_REQUIRED"  # rule 5
    if (action == "read" and category == "sensitive" and BASIS[purpose] != "legal_obligation"
            and state != "explicit"):
        return "deny", "CONSENT_REQUIRED"  # rule 6
    return "allow", ""


def default_rows():
    for role in ROLES:
        for purpose in PURPOSES:
            for category in CATEGORIES:
                for action in ("read", "write"):
                    for state in STATES:
                        yield [role, "1", purpose, category, action, state,
                               *expected(role, purpose, category, action, state)]


def resource_rows():
    for role in ROLES:
        for (resource, action), grants in RESOURCES.items():
            for purpose in PURPOSES:
                if purpose not in ROLES[role][0]:
                    outcome = ("deny", "PURPOSE_NOT_ALLOWED")
                elif purpose in grants.get(role, ()):
                    outcome = ("allow", "")
                else:
                    outcome = ("deny", "FORBIDDEN")
                yield [role, "1", purpose, resource, action, "-", *outcome]
        for (resource, action), roles in ADMINISTRATION.items():
            yield [role, "1", "administration", resource, action, "-",
                   *(("allow", "") if role in roles else ("deny", "FORBIDDEN"))]


def write(name: str, comment: str, rows) -> int:
    rows = list(rows)
    with (HERE / name).open("w", newline="") as handle:
        handle.write(f"# {comment}\n# Generated by policies/tests/make_tables.py from policy.md; "
                     "review changes here, row by row.\n")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    return len(rows)


if __name__ == "__main__":
    n = write("default.csv", "policy.md §5: every role x purpose x data category x action x contact "
              "state (tenant 1 is the principal's own).", default_rows())
    m = write("resources.csv", "policy.md §5: consent, objection, restriction, erasure, data subject "
              "requests and administration, per role and purpose.", resource_rows())
    print(f"default.csv: {n} rows, resources.csv: {m} rows", file=sys.stderr)
