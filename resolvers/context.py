"""The per-request context every resolver receives as `info.context`."""

from dataclasses import dataclass, field
from typing import Any

from policies.decision import Access
from policies.engine import PolicyEngine


@dataclass
class RequestContext:
    request: Any
    response: Any
    engine: PolicyEngine
    access: Access
    # Per-request, tenant-bound dataloaders (resolvers/loaders.py): never shared between requests.
    dataloaders: dict[str, Any] = field(default_factory=dict)
