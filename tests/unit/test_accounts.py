"""The user card's rules, on the demo store (DOMAIN.md sections 2, 3, 7)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from entconsole.models import (
    ADMIN_LOCAL,
    Duplicate,
    GroupType,
    JournalEntry,
    OutboxMail,
    Profile,
    SchoolClass,
    Source,
    User,
)
from entconsole.services import accounts, duplicates
from entconsole.services.errors import InvalidInput, NeedsConfirmation, NotFound, PermissionDenied, ServiceError
from entconsole.services.session import Session
from entconsole.services.user_create import NewUser, create_user
from entconsole.services.users import UserQuery, query_users
from entconsole.store import Store
from tests.conftest import TODAY


@pytest.fixture
def session(demo_path, clock):
    return Session.open(Store(demo_path, clock=clock), None, TODAY)


def find(session, **filters) -> list[User]:
    return query_users(session.store, session.structure_id, UserQuery(**filters))


def first(session, predicate, **filters) -> User:
    return next(u for u in find(session, **filters) if predicate(u))


def fresh(session, user: User) -> User | None:
    return session.store.get(User, user.id)


def last_entry(session) -> JournalEntry:
    return max(session.store.all(JournalEntry), key=lambda e: e.revision)


MANUAL = dict(sources=frozenset({Source.MANUAL}))


# ---- delete / pre-delete / restore


def test_never_activated_manual_account_is_deleted_at_once(session):
    user = first(session, lambda u: not u.activated and not u.children and not u.relatives, **MANUAL)
    assert accounts.deletion_kind(user) == "delete"
    writes = session.store.write_count
    result = accounts.delete_users(session, [user.id])
    assert session.store.write_count == writes + 1
    assert fresh(session, user) is None
    assert session.store.ids_by(User, "login", user.login) == frozenset()  # login freed
    assert user.display_name in result.message
    assert last_entry(session).action == "user.delete"


def test_activated_manual_account_is_predeleted_and_restored(session):
    user = first(session, lambda u: u.activated and u.id != session.admin_id and (u.classes or u.groups), **MANUAL)
    assert accounts.deletion_kind(user) == "predelete"
    accounts.delete_users(session, [user.id])
    after = fresh(session, user)
    assert after.delete_date == TODAY
    assert after.classes == () and after.groups == ()
    assert after.saved_links == {"classes": user.classes, "groups": user.groups}
    assert accounts.days_left(after, TODAY) == 90
    assert accounts.days_left(after, TODAY + timedelta(days=30)) == 60
    assert user.id not in {u.id for u in find(session)}  # hidden by default
    accounts.restore_user(session, user.id)
    back = fresh(session, user)
    assert back.delete_date is None and back.saved_links is None
    assert back.classes == user.classes and back.groups == user.groups


def test_feed_account_cannot_be_deleted_unless_disappearing(session):
    fed = first(session, lambda u: u.source is Source.AAF1D and u.disappearance_date is None)
    assert accounts.deletion_kind(fed) is None
    with pytest.raises(ServiceError, match="ne peut pas être supprimé"):
        accounts.delete_users(session, [fed.id])
    assert fresh(session, fed) == fed
    leaving = first(session, lambda u: u.source is Source.AAF1D and u.disappearance_date is not None)
    assert accounts.deletion_kind(leaving) in {"delete", "predelete"}


def test_marked_rows_skip_what_cannot_be_deleted(session):
    fed = first(session, lambda u: u.source is Source.AAF1D and u.disappearance_date is None)
    manual = first(session, lambda u: u.activated and u.id != session.admin_id, **MANUAL)
    result = accounts.delete_users(session, [fed.id, manual.id], skip_ineligible=True)
    assert (result.changed, result.skipped) == (1, 1)
    assert fresh(session, manual).delete_date == TODAY and fresh(session, fed).delete_date is None


def test_deleting_removes_family_references(session):
    pupils = find(session, profiles=frozenset({Profile.STUDENT}))[:2]
    created = create_user(session, NewUser(first_name="Anne", last_name="Tutrice", profile=Profile.RELATIVE,
                                           children=[p.id for p in pupils]))
    assert all(created.target_id in fresh(session, p).relatives for p in pupils)
    accounts.delete_users(session, [created.target_id])
    assert all(created.target_id not in fresh(session, p).relatives for p in pupils)


# ---- classes


def test_class_offered_only_with_a_pupil(session):
    teacher = first(session, lambda u: True, profiles=frozenset({Profile.TEACHER}))
    options = {o.school_class.name: o for o in accounts.class_options(session, teacher)}
    empty = [o for o in options.values() if o.pupils == 0]
    assert empty, "the demo has a class without pupils"
    assert not empty[0].offered and "Aucun élève" in empty[0].reason
    with pytest.raises(ServiceError, match="Aucun élève"):
        accounts.add_class(session, teacher.id, empty[0].school_class.id)
    target = next(o for o in options.values() if o.offered)
    accounts.add_class(session, teacher.id, target.school_class.id)
    assert target.school_class.id in fresh(session, teacher).classes
    assert not {o.school_class.id: o for o in accounts.class_options(session, fresh(session, teacher))}[
        target.school_class.id
    ].offered
    accounts.remove_class(session, teacher.id, target.school_class.id)
    assert target.school_class.id not in fresh(session, teacher).classes


def test_pupil_may_join_an_empty_class(session):
    pupil = first(session, lambda u: True, profiles=frozenset({Profile.STUDENT}))
    empty = next(o for o in accounts.class_options(session, pupil) if o.pupils == 0)
    assert empty.offered


def test_class_of_another_school_refused(session):
    teacher = first(session, lambda u: True, profiles=frozenset({Profile.TEACHER}))
    foreign = next(c for c in session.store.all(SchoolClass) if c.structure_id != session.structure_id)
    with pytest.raises(NotFound):
        accounts.add_class(session, teacher.id, foreign.id)


# ---- groups


def test_manual_group_membership_skips_predeleted(session):
    group = next(g for g in accounts.structure_groups(session, GroupType.MANUAL) if not g.lock_delete)
    outsiders = [u for u in find(session) if group.id not in u.groups][:3]
    predeleted = find(session, predeletion=frozenset({accounts.Predeletion.PREDELETED}))[0]
    result = accounts.add_to_group(session, [u.id for u in outsiders] + [predeleted.id], group.id)
    assert (result.changed, result.skipped) == (3, 1)
    assert all(group.id in fresh(session, u).groups for u in outsiders)
    assert accounts.remove_from_group(session, [outsiders[0].id], group.id).changed == 1


def test_profile_groups_are_not_edited_here(session):
    from entconsole.models import Group

    profile_group = next(g for g in session.store.find(Group, "structure", session.structure_id) if g.type is GroupType.PROFILE)
    with pytest.raises(PermissionDenied):
        accounts.add_to_group(session, [session.admin_id], profile_group.id)


# ---- structures


def test_detach_and_reattach(session):
    teacher = first(session, lambda u: u.home_structure != session.structure_id and u.id != session.admin_id,
                    profiles=frozenset({Profile.TEACHER}))
    accounts.detach_from_structure(session, teacher.id)
    after = fresh(session, teacher)
    assert session.structure_id in after.removed_from_structures
    assert session.structure_id not in after.structures
    assert not set(after.classes) & {c.id for c in session.store.find(SchoolClass, "structure", session.structure_id)}
    assert teacher.id not in {u.id for u in find(session)}
    assert teacher.id in {u.id for u in find(session, include_removed=True)}
    accounts.reattach_to_structure(session, teacher.id)
    assert session.structure_id in fresh(session, teacher).structures


def test_home_school_detach_needs_confirmation(session):
    replacement = first(session, lambda u: u.home_structure == session.structure_id and u.id != session.admin_id,
                        profiles=frozenset({Profile.TEACHER}))
    writes = session.store.write_count
    with pytest.raises(NeedsConfirmation):
        accounts.detach_from_structure(session, replacement.id)
    assert session.store.write_count == writes
    accounts.detach_from_structure(session, replacement.id, confirm_home=True)
    assert session.structure_id in fresh(session, replacement).removed_from_structures


# ---- local admin and connection data


def test_local_admin_rules(session):
    pupil = first(session, lambda u: True, profiles=frozenset({Profile.STUDENT}))
    with pytest.raises(PermissionDenied):
        accounts.set_local_admin(session, pupil.id, True)
    teacher = first(session, lambda u: not u.is_admin, profiles=frozenset({Profile.TEACHER}))
    accounts.set_local_admin(session, teacher.id, True)
    assert session.structure_id in fresh(session, teacher).functions[ADMIN_LOCAL]
    assert teacher.id in {u.id for u in accounts.local_admins(session)}
    accounts.set_local_admin(session, teacher.id, False)
    assert ADMIN_LOCAL not in fresh(session, teacher).functions
    with pytest.raises(PermissionDenied):
        accounts.set_local_admin(session, session.admin_id, False)


def test_alias_pattern_and_uniqueness(session):
    user = first(session, lambda u: not u.is_admin)
    other = first(session, lambda u: u.id != user.id)
    writes = session.store.write_count
    with pytest.raises(InvalidInput) as info:
        accounts.set_login_alias(session, user.id, other.login)
    assert "déjà utilisé" in info.value.errors["login_alias"]
    with pytest.raises(InvalidInput):
        accounts.set_login_alias(session, user.id, "Élodie!")
    assert session.store.write_count == writes
    accounts.set_login_alias(session, user.id, "mon.alias")
    assert session.store.ids_by(User, "login", "mon.alias") == {user.id}
    accounts.set_login_alias(session, user.id, "")
    assert fresh(session, user).login_alias is None


def test_another_admins_connection_data_is_protected(session):
    advisor = next(u for u in accounts.local_admins(session) if u.id != session.admin_id)
    for action in (
        lambda: accounts.set_login_alias(session, advisor.id, "nouvel.alias"),
        lambda: accounts.set_email(session, advisor.id, "x@example.org"),
        lambda: accounts.generate_renewal_code(session, advisor.id),
    ):
        with pytest.raises(PermissionDenied):
            action()
    # one's own data is fine
    accounts.set_email(session, session.admin_id, "directrice@example.org")


def test_renewal_code_and_reset_mail(session):
    user = first(session, lambda u: u.activated and u.email and not u.is_admin)
    result = accounts.generate_renewal_code(session, user.id)
    after = fresh(session, user)
    assert len(after.renewal_code) == 8 and after.renewal_code.isalnum()
    assert after.renewal_code in result.message
    assert after.renewal_code not in last_entry(session).summary  # never in the journal
    assert after.renewal_code_expires.date() == TODAY + timedelta(days=7)
    inactive = first(session, lambda u: not u.activated)
    with pytest.raises(ServiceError):
        accounts.generate_renewal_code(session, inactive.id)
    accounts.send_reset_mail(session, user.id)
    [mail] = list(session.store.all(OutboxMail))
    assert mail.to == (user.email,) and mail.kind == "reset_password"


def test_identity_validation_and_feed_warning(session):
    pupil = first(session, lambda u: u.source is Source.AAF1D, profiles=frozenset({Profile.STUDENT}))
    with pytest.raises(InvalidInput) as info:
        accounts.update_identity(session, pupil.id, first_name=" ", last_name="X", birth_date="31/02/2015")
    assert set(info.value.errors) == {"first_name", "birth_date"}
    result = accounts.update_identity(session, pupil.id, first_name="Zoé", last_name="[bold]Petit[/]",
                                      birth_date="03/04/2016")
    assert "annuaire" in result.message  # ONDE/AAF warning
    after = fresh(session, pupil)
    assert after.last_name == "[bold]Petit[/]" and after.birth_date.isoformat() == "2016-04-03"


def test_relatives_link_both_ways(session):
    pupil = first(session, lambda u: True, profiles=frozenset({Profile.STUDENT}))
    parent = first(session, lambda u: u.id not in pupil.relatives, profiles=frozenset({Profile.RELATIVE}))
    accounts.link_relative(session, pupil.id, parent.id)
    assert parent.id in fresh(session, pupil).relatives and pupil.id in fresh(session, parent).children
    accounts.unlink_relative(session, parent.id, pupil.id)  # order does not matter
    assert parent.id not in fresh(session, pupil).relatives and pupil.id not in fresh(session, parent).children


# ---- duplicates


def test_duplicate_scores():
    def person(**f):
        base = dict(first_name="Léa", last_name="Martin", display_name="Martin Léa", profile=Profile.STUDENT,
                    login="lea", source=Source.MANUAL, creation_date="2024-01-01T00:00:00")
        return User.model_validate({**base, **f})

    a, b = person(birth_date="2015-01-02"), person(login="lea2", last_name="MARTIN ", birth_date="2015-01-02")
    assert duplicates.duplicate_score(a, b) == 5
    assert duplicates.badge(5) == "Bloquant" and duplicates.badge(3) == "Mineur"
    assert duplicates.merge_survivor(a, b.model_copy(update={"source": Source.AAF1D})).source is Source.AAF1D
    assert duplicates.merge_survivor(a.model_copy(update={"activation_code": "abcdefgh"}), b) is b


def duplicate_pair(session):
    """A pair with one account not yet activated (the demo's pupil fed twice)."""
    for user in find(session, duplicates=True):
        other = session.store.get(User, user.duplicates[0].user_id)
        if not (user.activated and other.activated):
            return user, other
    raise AssertionError("the demo has a mergeable duplicate pair")


def test_dissociate(session):
    user, other = duplicate_pair(session)
    duplicates.dissociate(session, user.id, other.id)
    assert other.id not in {d.user_id for d in fresh(session, user).duplicates}
    assert other.id in fresh(session, user).ignored_duplicates
    assert user.id in fresh(session, other).ignored_duplicates


def test_merge_survivor_and_refusal(session):
    user, other = duplicate_pair(session)
    survivor = duplicates.merge_survivor(user, other)
    gone = other if survivor is user else user
    result = duplicates.merge(session, user.id, other.id, keep_attachments=True)
    assert result.target_id == survivor.id
    assert fresh(session, gone) is None
    kept = fresh(session, survivor)
    assert set(gone.classes) <= set(kept.classes)
    assert gone.id not in {d.user_id for d in kept.duplicates}


def test_merge_refused_when_both_activated(session, clock):
    user, other = duplicate_pair(session)
    with session.store.transaction("test", "setup") as tx:
        for u in (user, other):
            tx.put(u.model_copy(update={"activation_code": None}))
        tx.journal("both activated")
    with pytest.raises(ServiceError, match="activés"):
        duplicates.merge(session, user.id, other.id, keep_attachments=False)
    assert fresh(session, user) and fresh(session, other)


# ---- manual creation


def test_create_pupil_requires_birth_date(session):
    with pytest.raises(InvalidInput) as info:
        create_user(session, NewUser(first_name="Zoé", last_name="Petit", profile=Profile.STUDENT))
    assert set(info.value.errors) == {"birth_date"}
    result = create_user(session, NewUser(first_name="Zoé", last_name="Petit", profile=Profile.STUDENT,
                                          birth_date="2017-05-04"))
    user = session.store.get(User, result.target_id)
    assert result.message == "L'utilisateur Petit Zoé a bien été créé."
    assert user.source is Source.MANUAL and not user.activated and len(user.activation_code) == 8
    assert user.login.startswith("zoe.petit")


def test_create_default_profile_and_login_collisions(session):
    taken = first(session, lambda u: True)
    result = create_user(session, NewUser(first_name=taken.first_name, last_name=taken.last_name))
    user = session.store.get(User, result.target_id)
    assert user.profile is Profile.PERSONNEL
    assert user.login != taken.login and user.login.startswith(taken.login.rstrip("0123456789"))


def test_create_parent_with_children(session):
    pupils = find(session, profiles=frozenset({Profile.STUDENT}))[:2]
    result = create_user(session, NewUser(first_name="Famille", last_name="D'accueil", profile=Profile.RELATIVE,
                                          children=[p.id for p in pupils]))
    parent = session.store.get(User, result.target_id)
    assert parent.children == tuple(p.id for p in pupils)
    assert all(parent.id in fresh(session, p).relatives for p in pupils)
    with pytest.raises(InvalidInput):
        create_user(session, NewUser(first_name="A", last_name="B", profile=Profile.TEACHER, children=[pupils[0].id]))


@pytest.mark.parametrize("bad", ["", "   ", "x" * 501, "a\x07b"])
def test_create_refuses_bad_names(session, bad):
    writes = session.store.write_count
    with pytest.raises(InvalidInput):
        create_user(session, NewUser(first_name=bad, last_name="Petit"))
    assert session.store.write_count == writes


def test_create_keeps_markup_and_emoji_literally(session):
    result = create_user(session, NewUser(first_name="[@click=app.quit]", last_name="Zoé 🌻 [/]"))
    user = session.store.get(User, result.target_id)
    assert user.first_name == "[@click=app.quit]" and user.last_name == "Zoé 🌻 [/]"
    assert user.login == "click.appquit.zoe"[: len(user.login)] or user.login.startswith("clickappquit")


def test_duplicate_model_roundtrip():
    assert Duplicate(user_id="x", score=4).score == 4


# ---- quality pass (issue 12): scope of class removal and admin grant, shared limits


def test_class_of_another_school_is_not_removed_here(session):
    trs = first(session, lambda u: u.position == "TRS", profiles=frozenset({Profile.TEACHER}))
    foreign = [c for c in trs.classes if session.store.get(SchoolClass, c).structure_id != session.structure_id]
    assert foreign, "the demo's TRS teacher has a class in the other school"
    writes = session.store.write_count
    with pytest.raises(NotFound):
        accounts.remove_class(session, trs.id, foreign[0])
    assert session.store.write_count == writes
    assert foreign[0] in fresh(session, trs).classes


def test_detached_account_is_not_made_local_admin(session):
    teacher = first(session, lambda u: u.home_structure != session.structure_id and not u.is_admin,
                    profiles=frozenset({Profile.TEACHER}))
    accounts.detach_from_structure(session, teacher.id)
    writes = session.store.write_count
    with pytest.raises(PermissionDenied, match="retiré"):
        accounts.set_local_admin(session, teacher.id, True)
    assert session.store.write_count == writes
    assert ADMIN_LOCAL not in fresh(session, teacher).functions


def test_may_change_connection_is_public(session):
    advisor = next(u for u in accounts.local_admins(session) if u.id != session.admin_id)
    assert not accounts.may_change_connection(session, advisor)
    assert accounts.may_change_connection(session, session.admin)
    with pytest.raises(PermissionDenied):
        accounts.require_connection_rights(session, advisor)


def test_class_options_sorted_by_level_then_name(session):
    from entconsole.models import Level

    teacher = first(session, lambda u: True, profiles=frozenset({Profile.TEACHER}))
    classes = [o.school_class for o in accounts.class_options(session, teacher)]
    order = list(Level)
    keys = [(order.index(c.level), c.name.casefold()) for c in classes]
    assert keys == sorted(keys)
    assert len({c.level for c in classes}) > 1
    # the demo's names alone would put another level first: the order is not by name
    assert [c.name for c in classes] != sorted((c.name for c in classes), key=str.casefold)


def test_name_limit_is_the_models(session):
    from entconsole.models import NAME_MAX_LENGTH

    limit = accounts.PERSON_NAME_MAX_LENGTH
    assert len("x" * limit + " " + "y" * limit) <= NAME_MAX_LENGTH  # the display name fits too
    user = first(session, lambda u: u.source is Source.MANUAL, profiles=frozenset({Profile.PERSONNEL}))
    accounts.update_identity(session, user.id, first_name="A" * limit, last_name="B" * limit, birth_date="")
    assert fresh(session, user).display_name == "B" * limit + " " + "A" * limit
    value, error = accounts.check_name("C" * (limit + 1), "Nom")
    assert value is None and str(limit) in error
    assert accounts.check_name("D" * 150, "Nom") == ("D" * 150, None)
