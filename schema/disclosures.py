"""Legal disclosures: personal data returned under a purpose whose lawful basis is a legal
obligation (`legal_compliance`) is recorded, per contact, with the X-Legal-Reference the request
answered, before the response leaves (`models.rights.Disclosure`, listed in the contact's export).

What was returned comes from `Access.touched` (the objects `project()` built, with the fields
each withheld) against the fields the operation selected (`audit.selection`): a contact whose
selected fields were all structural (`id`, timestamps) or all withheld disclosed nothing and gets
no row. Data returned outside `project()` and noted with `Touched.note` (an export) counts for
the contacts the operation reached.

If the rows cannot be written the answer is withheld (`data: null`, one masked internal error):
no disclosure goes unrecorded. Registered after the audit trail's extension, so for a mutation
the rows join the transaction of the write and its audit event."""

from collections import defaultdict
from datetime import datetime, timezone

from graphql import GraphQLError
from graphql.utilities import get_operation_ast
from strawberry.extensions import SchemaExtension

from audit import selection
from audit.extension import root_fields
from models import Disclosure
from policies.decision import Access, Touched
from policies.fields import categories_of

INTERNAL = "INTERNAL_SERVER_ERROR"


def disclosed(touched: Touched, selected: selection.Selected) -> dict[int, set[str]]:
    """contact id -> categories of that contact's data the response carries."""
    by_contact: dict[int, set[str]] = defaultdict(set)
    for cls, _object_id, contact_id, withheld in touched.objects:
        names = selected.get(cls)
        if contact_id is None or not names:
            continue
        of = categories_of(cls)
        by_contact[contact_id].update(of[name].value for name in names if name not in withheld)
    if touched.noted:
        for contact_id in touched.contact_ids:
            by_contact[contact_id].update(touched.noted)
    return {contact_id: found for contact_id, found in by_contact.items() if found}


class LegalDisclosures(SchemaExtension):
    async def on_execute(self):
        yield
        context = self.execution_context
        access: Access | None = getattr(context.context, "access", None)
        if access is None or access.legal_process is None or not access.touched:
            return
        try:
            await access.principal.tenant_scope.bulk_create(Disclosure, self.rows(access))
        except Exception as error:  # noqa: BLE001  (fail closed: nothing leaves unrecorded)
            self.withhold(error)

    def rows(self, access: Access) -> list[dict]:
        context = self.execution_context
        selected = selection.selected_fields(context.schema, context.query,
                                             context.graphql_document, context.operation_name)
        operation = get_operation_ast(context.graphql_document, context.operation_name)
        label = f"{operation.operation.value} {','.join(root_fields(context.graphql_document, operation))}"
        if operation.name:
            label = f"{operation.operation.value} {operation.name.value}: {label.split(' ', 1)[1]}"
        moment = datetime.now(timezone.utc)
        return [dict(contact_id=contact_id, legal_reference=access.legal_process,
                     principal=access.principal.actor, operation=label[:200],
                     categories=sorted(found), disclosed_at=moment)
                for contact_id, found in sorted(disclosed(access.touched, selected).items())]

    def withhold(self, error: Exception) -> None:
        """Replace the answer with one internal error; QuietSchema.execute masks and logs it."""
        result = self.execution_context.result
        if result is None:
            return
        result.data = None
        result.errors = [GraphQLError("Unexpected error.", original_error=error,
                                      extensions={"code": INTERNAL})]
