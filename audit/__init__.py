"""The audit trail: one tamper-evident event per operation on personal data (docs/audit.md).

`chain` appends events to a tenant's hash chain and verifies it (API and `salesplus audit
verify`); `selection` works out what an operation returned; `extension` records the event of
every GraphQL operation, in the same transaction as a mutation's writes."""
