"""How the service behaves when what it depends on is slow or gone: circuit breakers (Redis, the
database), bounded work per request, and the answers given meanwhile (docs/api.md)."""
