"""The rights tests call the API as the dpo under `legal_compliance`, which needs the legal
reference a request answers (X-Legal-Reference, policies/decision.py): `gql` here sends one with
every legal_compliance operation, unless `legal_reference=None` is passed."""

from dataclasses import dataclass

import pytest

from tests.conftest import Gql

REFERENCE = "DSR 2026/17 (Art. 15 request)"
_DEFAULT = object()


@dataclass
class LegalGql(Gql):
    async def __call__(self, query: str, variables: dict | None = None, *, token: str | None = None,
                       purpose: str | None = None, legal_reference=_DEFAULT) -> dict:
        headers = {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if purpose:
            headers["X-Purpose"] = purpose
        if legal_reference is _DEFAULT and purpose == "legal_compliance":
            legal_reference = REFERENCE
        if legal_reference not in (None, _DEFAULT):
            headers["X-Legal-Reference"] = legal_reference
        response = await self.http.post("/graphql", json={"query": query, "variables": variables or {}},
                                        headers=headers)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def gql(http) -> LegalGql:
    return LegalGql(http)
