"""The committed schema.graphql matches the code, and every personal-data field has a category."""

from pathlib import Path

import pytest
from strawberry.types.base import get_object_definition

from policies.fields import CATEGORY_KEY, Guarded
from policies.vocabulary import Category
from schema import schema
from schema.activity import FinancialInput, InteractionInput
from schema.contacts import ContactInput

COMMITTED = Path(__file__).parents[2] / "schema.graphql"
# Fields of personal-data types that carry no personal data (policy.md §3): identifiers,
# record timestamps, processing state, and links that are guarded where they lead.
STRUCTURAL = {"id", "external_ref", "created_at", "updated_at", "processing_restricted",
              "objections", "interactions", "financials", "contact", "contact_id"}
INPUTS = (ContactInput, InteractionInput, FinancialInput)
PERSONAL_TYPES = [*Guarded.__subclasses__(), *INPUTS]
# externalRef is read with its contact, but rewriting the tenant's key re-identifies the person:
# writing it needs identity (models/contacts.py).
WRITTEN_AS_PERSONAL = {"external_ref"}


def test_committed_schema_matches_the_code():
    assert COMMITTED.read_text() == schema.as_str() + "\n", (
        "schema.graphql is stale: run `make schema` and commit the result")


@pytest.mark.parametrize("cls", PERSONAL_TYPES, ids=lambda c: c.__name__)
def test_every_field_of_a_personal_data_type_has_exactly_one_category(cls):
    structural = STRUCTURAL - WRITTEN_AS_PERSONAL if cls in INPUTS else STRUCTURAL
    for field in get_object_definition(cls, strict=True).fields:
        category = (field.metadata or {}).get(CATEGORY_KEY)
        if field.python_name in structural:
            assert category is None, f"{cls.__name__}.{field.python_name} is structural"
            continue
        assert isinstance(category, Category), f"{cls.__name__}.{field.python_name} has no category"
        assert f"[category: {category.value}]" in (field.description or "")


def test_personal_types_are_the_expected_ones():
    names = {cls.__name__ for cls in Guarded.__subclasses__()}
    assert names == {"Contact", "Interaction", "FinancialRecord"}
