"""The field catalog is complete: every column of a personal-data table is declared personal or
structural, and every table that refers to a contact says what erasure does to its rows."""

import pytest
import models
from models import Contact
from models.personal import OnErasure, catalog, unclassified_columns

CATALOGUED = [models.Contact, models.Interaction, models.FinancialRecord]


def all_models() -> list[type]:
    return [getattr(models, name) for name in models.__all__]


@pytest.mark.parametrize("model", CATALOGUED, ids=lambda m: m.__name__)
def test_every_column_of_a_personal_data_table_is_classified(model):
    assert unclassified_columns(model) == []
    assert catalog(model), f"{model.__name__} declares no personal column"


@pytest.mark.parametrize("model", all_models(), ids=lambda m: m.__name__)
def test_every_table_referring_to_a_contact_declares_its_erasure(model):
    refers = any(model._meta.fields_map[fk].model_name == "models.Contact"
                 for fk in model._meta.fk_fields)
    if refers or model is Contact:
        assert isinstance(model.__dict__.get("ERASURE"), OnErasure), model.__name__


def test_a_table_with_personal_columns_is_catalogued():
    """A new personal column anywhere makes its table part of the catalogued set above."""
    assert [m for m in all_models() if catalog(m)] == sorted(CATALOGUED, key=all_models().index)


def test_columns_retained_after_erasure_state_their_ground():
    for model in CATALOGUED:
        for column in catalog(model):
            assert column.retain == "" or len(column.retain) > 20, column.column
            if column.retain:
                assert model.ERASURE.rows == "detach", (model.__name__, column.column)
