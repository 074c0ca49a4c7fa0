"""Data subject rights (GDPR Art. 12–21) as domain logic, shared by the GraphQL resolvers, the
command line and the web pages: the request clock (`requests`, `clock`), the export (`export`),
rectification and restriction history (`history`), erasure and its blocks (`erasure`, `blocks`),
and the signed links of one-click unsubscribe (`links`, `optout`).

Nothing here decides who may do what: callers ask `policies.decision.Access` first."""
