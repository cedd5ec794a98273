"""Model validation at the boundary, and the computed statuses."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from entconsole.models import (
    FlashMessage,
    Profile,
    SchoolClass,
    Source,
    Status,
    Structure,
    User,
    display_name,
    school_year_of,
    school_year_start,
)
from entconsole.text import fold, matches

BASE = dict(
    first_name="Léa",
    last_name="Martin",
    display_name="Martin Léa",
    profile=Profile.STUDENT,
    login="lea.martin",
    source=Source.AAF1D,
    creation_date=datetime(2024, 9, 1),
)


def user(**changes) -> User:
    return User.model_validate({**BASE, **changes})


def test_names_are_trimmed():
    assert user(first_name="  Léa ").first_name == "Léa"


@pytest.mark.parametrize("name", ["", "   ", "\t", "Léa\x00", "a\x1bb"])
def test_empty_or_control_names_refused(name):
    with pytest.raises(ValidationError):
        user(first_name=name)


def test_markup_and_emoji_names_are_kept_literally():
    assert user(last_name="[bold]x[/]").last_name == "[bold]x[/]"
    assert user(first_name="Zoé 🌻").first_name == "Zoé 🌻"


def test_overlong_names_refused():
    with pytest.raises(ValidationError):
        user(last_name="x" * 501)


@pytest.mark.parametrize("uai", ["0601234X", "9999999Z"])
def test_valid_uai(uai):
    assert Structure(name="École", uai=uai).uai == uai


@pytest.mark.parametrize("uai", ["060123X", "0601234x", "06012345X", "A601234X", ""])
def test_invalid_uai_refused(uai):
    with pytest.raises(ValidationError):
        Structure(name="École", uai=uai)


@given(st.from_regex(r"[0-9a-z.]{1,64}", fullmatch=True))
def test_any_login_of_the_pattern_is_accepted(login):
    assert user(login=login).login == login


@given(st.text(min_size=1, max_size=70).filter(lambda s: not all(c in "0123456789abcdefghijklmnopqrstuvwxyz." for c in s) or len(s) > 64))
def test_logins_outside_the_pattern_are_refused(login):
    with pytest.raises(ValidationError):
        user(login=login)


def test_alias_follows_the_login_pattern():
    assert user(login_alias="lea.m").login_alias == "lea.m"
    with pytest.raises(ValidationError):
        user(login_alias="Léa")


@pytest.mark.parametrize("bad", ["2015-02-31", "2015-13-01", "31/02/2015", "1899-12-31"])
def test_impossible_birth_dates_refused(bad):
    with pytest.raises(ValidationError):
        user(birth_date=bad)


def test_ine_shape():
    assert user(ine="1234567890A").ine == "1234567890A"
    with pytest.raises(ValidationError):
        user(ine="12345")


def test_unknown_fields_refused():
    with pytest.raises(ValidationError):
        User.model_validate({**BASE, "colour": "red"})


def test_models_are_frozen():
    u = user()
    with pytest.raises(ValidationError):
        u.blocked = True


def test_statuses_in_display_order():
    u = user(
        activation_code="abcd3456",
        blocked=True,
        duplicates=[{"user_id": "x", "score": 5}],
        delete_date=date(2024, 9, 1),
        disappearance_date=date(2024, 6, 1),
    )
    assert u.statuses == (Status.INACTIVE, Status.BLOCKED, Status.DUPLICATE, Status.PREDELETED)
    assert user(disappearance_date=date(2024, 6, 1)).statuses == (Status.PENDING_PREDELETION,)
    assert user().statuses == ()
    assert user().activated and not user(activation_code="abcd3456").activated


def test_admin_scope():
    admin = user(functions={"ADMIN_LOCAL": ["s1", "s2"]}, profile=Profile.TEACHER)
    assert admin.is_admin and admin.is_admin_of("s1") and not admin.is_admin_of("s3")
    assert not user().is_admin
    assert user(functions={"SUPER_ADMIN": []}).is_admin_of("anything")


def test_flash_message_and_class_validate():
    FlashMessage(
        title="Rentrée",
        contents={"fr": "Bonne rentrée"},
        start_date="2024-09-01",
        end_date="2024-09-10",
        profiles=["Relative"],
        structures=["s1"],
        author="Directrice",
        created=datetime(2024, 8, 30),
    )
    with pytest.raises(ValidationError):
        SchoolClass(structure_id="s1", name="CM1", level="CM3")


def test_school_year():
    assert school_year_of(date(2024, 9, 1)) == "2024-2025"
    assert school_year_of(date(2024, 8, 31)) == "2023-2024"
    assert school_year_start(date(2025, 2, 3)) == date(2024, 9, 1)
    assert display_name(" Léa ", "Martin ") == "Martin Léa"


def test_fold_and_matches():
    assert fold("Jean-Pierre HÉLÈNE") == "jean pierre helene"
    assert matches("helene", "Hélène", "Martin")
    assert matches("jean pierre", "Jean-Pierre")
    assert matches("mart hel", "Hélène", "Martin")
    assert not matches("paul", "Hélène", "Martin")
    assert matches("", "anything")
