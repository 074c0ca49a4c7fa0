"""Data minimisation: which contact columns a request fetches.

Each Contact field's category is declared once, in schema/contacts.py; `FIELD_COLUMNS` says which
columns hold each field. A request fetches the structural columns and the columns of the fields
its role may read for the purpose, so a value the caller may not read never leaves the database
(rule 6 still decides `sensitive` per row, from columns the role may read)."""

from policies.decision import Access
from policies.fields import categories_of, denied_fields

STRUCTURAL_COLUMNS = ("id", "tenant_id", "external_ref", "created_at", "updated_at",
                      "processing_restricted", "erased_at")
FIELD_COLUMNS = {
    "first_name": ("first_name",), "last_name": ("last_name",), "company": ("company",),
    "job_title": ("job_title",), "email": ("email",), "phone": ("phone",), "address": ("address",),
    "preferences": ("preferred_channel", "preferred_frequency"), "interests": ("interests",),
    "requirements": ("requirements",),
    "commercial_profile": ("business_type", "purchase_frequency", "annual_volume"),
    "location": ("city", "country", "latitude", "longitude"),
    "competitive_notes": ("competitive_notes",), "sensitive_notes": ("sensitive_notes",),
    "subscriptions": (), "consents": (),  # loaded from their own tables, only when selected
}


def readable_contact_columns(access: Access) -> tuple[str, ...]:
    """The columns to fetch for this request, computed once per request."""
    columns = access.memo.get("contact_columns")
    if columns is None:
        from schema.contacts import Contact  # noqa: PLC0415  (schema imports the resolvers)

        denied = denied_fields(access, Contact)
        readable = [column for field in categories_of(Contact) if field not in denied
                    for column in FIELD_COLUMNS[field]]
        columns = access.memo["contact_columns"] = (*STRUCTURAL_COLUMNS, *readable)
    return columns
