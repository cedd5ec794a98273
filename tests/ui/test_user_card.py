"""The user card and the creation form, driven by keyboard; assertions on the store.

The guide's flows (DOMAIN.md section 13): attach a teacher to a class (only
classes holding a pupil), delete obsolete manual accounts ("Supprimer" if never
activated, "Pré-supprimer" otherwise), detach teachers who left; plus the
card's other actions and bad input.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input, OptionList

from entconsole import labels as L
from entconsole.models import OutboxMail, Profile, SchoolClass, Source, User
from entconsole.screens.card_dialogs import CompareDialog, PickDialog
from entconsole.screens.confirm import ChoiceDialog, ConfirmScreen
from entconsole.screens.help import HelpScreen
from entconsole.screens.main import MainScreen
from entconsole.screens.user_card import CardList, UserCardScreen
from entconsole.screens.user_create import CreateUserScreen, open_create_user
from entconsole.services.accounts import PERSON_NAME_MAX_LENGTH, deletion_kind, pupil_count
from entconsole.services.session import Session
from entconsole.services.users import UserQuery, query_users, set_blocked
from entconsole.store import Store
from tests.conftest import TODAY
from tests.ui.conftest import SIZE, screen_text


# --------------------------------------------------------------------------- helpers


def users(app, **query) -> list[User]:
    session = app.session
    return query_users(session.store, session.structure_id, UserQuery(**query))


def teacher_without_class(app) -> User:
    """A class teacher of this school not yet attached to a class (rentrée)."""
    sid = app.session.structure_id
    return next(
        u for u in users(app, profiles=frozenset({Profile.TEACHER}))
        if not u.classes and u.home_structure == sid and u.position == "Professeur des écoles"
    )


def manual_account(app, kind: str, profile: Profile | None = None) -> User:
    """A manual account the card offers to delete ("delete") or pre-delete ("predelete")."""
    return next(
        u for u in users(app, sources=frozenset({Source.MANUAL}))
        if deletion_kind(u) == kind and (profile is None or u.profile is profile)
        and u.id != app.session.admin_id
    )


def onde_duplicate_pupil(app) -> User:
    """The pupil fed by ONDE whose manual twin was created in June (Bloquant)."""
    return next(
        u for u in users(app, profiles=frozenset({Profile.STUDENT}), duplicates=True)
        if u.source is Source.AAF1D
    )


def fresh(app, user: User) -> User | None:
    return app.store.get(User, user.id)


def on_disk(demo_path, user: User) -> User | None:
    """The account as another session would read it from the file."""
    return Store(demo_path, create=False).get(User, user.id)


async def open_card(app, pilot, user: User) -> UserCardScreen:
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)
    app.push_screen(UserCardScreen(app.session, user.id))
    await pilot.pause()
    assert isinstance(app.screen, UserCardScreen)
    return app.screen


async def type_text(pilot, text: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in text))


async def paste(pilot, app, text: str) -> None:
    """What a terminal sends when the admin pastes text into the focused field."""
    focused = app.focused
    assert isinstance(focused, Input)
    focused.post_message(events.Paste(text))
    await pilot.pause()


async def goto(pilot, section_title: str) -> None:
    """`g`, type the section's name, Enter: the focus lands in that section."""
    await pilot.press("g")
    await type_text(pilot, section_title)
    await pilot.press("enter")
    await pilot.pause()


def text_of(widget) -> str:
    """The plain text a Static shows (long lines wrap on screen)."""
    return widget.render().plain


def toasts(app) -> str:
    """The messages of the toasts shown (they wrap on screen)."""
    return "\n".join(n.message for n in app._notifications)


def list_ids(card: UserCardScreen, list_id: str) -> list[str | None]:
    widget = card.query_one(f"#{list_id}", CardList)
    return [widget.get_option_at_index(i).id for i in range(widget.option_count)]


async def highlight(pilot, widget: OptionList, option_id: str) -> None:
    """Move the cursor with the arrow keys until `option_id` is highlighted."""
    ids = [widget.get_option_at_index(i).id for i in range(widget.option_count)]
    target = ids.index(option_id)
    for _ in range(len(ids)):
        if widget.highlighted == target:
            return
        await pilot.press("down" if (widget.highlighted or 0) < target else "up")
    assert widget.highlighted == target


# --------------------------------------------------------------------------- classes


async def test_add_class_to_teacher_only_classes_with_pupils(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        teacher = teacher_without_class(app)
        card = await open_card(app, pilot, teacher)
        assert teacher.display_name in screen_text(app)
        await goto(pilot, "classe")
        assert isinstance(app.focused, CardList) and app.focused.id == "list-classes"
        await pilot.press("a")
        picker = app.screen
        assert isinstance(picker, PickDialog)
        options = picker.query_one("#pick-list", OptionList)
        classes = {c.name: c for c in app.store.find(SchoolClass, "structure", app.session.structure_id)}
        empty = [c for c in classes.values() if pupil_count(app.session, c.id) == 0]
        assert empty, "the demo has a class without pupils (CP C)"
        text = screen_text(app)
        for school_class in empty:
            option = options.get_option(school_class.id)
            assert option.disabled  # shown, not offered, with its reason
        assert L.CLASS_NO_PUPIL[:40] in text
        # filter by typing, then Enter on the first offered class
        target = next(c for c in classes.values() if c.name == "CE1 A")
        await type_text(pilot, "ce1")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is card
        assert fresh(app, teacher).classes == (target.id,)
        assert on_disk(demo_path, teacher).classes == (target.id,)
        assert target.id in list_ids(card, "list-classes")
        assert L.CARD_CLASS_ADDED.format(name=teacher.display_name, group="CE1 A") in toasts(app)

        # a class without pupils is never under the cursor: the arrows skip it
        await pilot.press("a")
        picker = app.screen
        assert isinstance(picker, PickDialog)
        options = picker.query_one("#pick-list", OptionList)
        empty_index = options.get_option_index(empty[0].id)
        seen = set()
        for _ in range(options.option_count):
            seen.add(options.highlighted)
            await pilot.press("down")
        assert empty_index not in seen
        writes = app.store.write_count
        await pilot.press("escape")
        assert app.screen is card
        assert app.store.write_count == writes

        # remove it again: Delete on the row, confirmation, gone
        classes_list = card.query_one("#list-classes", CardList)
        classes_list.focus()
        await highlight(pilot, classes_list, target.id)
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        assert "CE1 A" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert fresh(app, teacher).classes == ()


# --------------------------------------------------------------------------- delete, pre-delete, restore


async def test_predelete_activated_manual_account_then_restore(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        account = manual_account(app, "predelete", Profile.PERSONNEL)
        assert account.activated
        before = fresh(app, account)
        card = await open_card(app, pilot, account)
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert account.login in screen_text(app)
        writes = app.store.write_count
        await pilot.press("enter")
        await pilot.pause()
        assert app.store.write_count == writes + 1
        after = fresh(app, account)
        assert after.delete_date == TODAY and after.classes == () and after.groups == ()
        assert on_disk(demo_path, account).delete_date == TODAY
        assert app.screen is card
        text = screen_text(app)
        assert L.BANNER_PREDELETED.format(days=L.CARD_DAYS.format(days=90)) in text
        # Restaurer: the saved classes and groups come back
        await pilot.press("r")
        await pilot.pause()
        restored = fresh(app, account)
        assert restored.delete_date is None
        assert restored.classes == before.classes and set(restored.groups) == set(before.groups)
        assert L.CARD_RESTORED.format(name=account.display_name) in toasts(app)


async def test_delete_never_activated_manual_account(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        account = manual_account(app, "delete")
        assert not account.activated
        await open_card(app, pilot, account)
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # cancelled: nothing happens
        assert fresh(app, account) is not None
        await pilot.press("d")
        await pilot.press("enter")
        await pilot.pause()
        assert fresh(app, account) is None
        assert on_disk(demo_path, account) is None
        assert isinstance(app.screen, MainScreen)  # the card closed itself
        assert L.CARD_DELETED.format(name=account.display_name) in toasts(app)


# --------------------------------------------------------------------------- connection


async def test_alias_taken_is_refused_beside_the_field(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        account = manual_account(app, "predelete", Profile.PERSONNEL)
        other = teacher_without_class(app)
        card = await open_card(app, pilot, account)
        await goto(pilot, "connexion")
        assert app.focused.id == "alias"
        writes = app.store.write_count
        await paste(pilot, app, other.login)
        await pilot.press("enter")
        await pilot.pause()
        error = card.query_one("#alias-error")
        assert error.display
        assert text_of(error) == L.FIELD_ALIAS_TAKEN.format(alias=other.login)
        assert app.store.write_count == writes
        assert fresh(app, account).login_alias is None
        # a bad pattern is refused the same way
        await pilot.press("ctrl+a", "ctrl+k")
        await paste(pilot, app, "Jean Dupont")
        await pilot.press("enter")
        await pilot.pause()
        assert text_of(error) == L.FIELD_ALIAS_PATTERN
        assert app.store.write_count == writes
        # a free alias is saved, and the error goes away
        await pilot.press("ctrl+a", "ctrl+k")
        await paste(pilot, app, "elco.ecole")
        await pilot.press("enter")
        await pilot.pause()
        assert fresh(app, account).login_alias == "elco.ecole"
        assert not error.display


async def test_connection_tools_help_and_other_session(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        account = manual_account(app, "predelete", Profile.PERSONNEL)
        await open_card(app, pilot, account)
        await pilot.press("c")
        await pilot.pause()
        code = fresh(app, account).renewal_code
        assert code and len(code) == 8 and code.isalnum()
        text = screen_text(app)
        assert code in text
        assert "(7 jours)" in text

        # an e-mail typed on the card, then "Envoyer" a reset mail: it goes to the outbox
        await goto(pilot, "connexion")
        await pilot.press("tab", "tab")
        assert app.focused.id == "email"
        await paste(pilot, app, "atsem.papillons@ecole.example")
        await pilot.press("enter")
        await pilot.pause()
        assert fresh(app, account).email == "atsem.papillons@ecole.example"
        await pilot.press("tab")  # out of the field: letters are keys again
        await pilot.press("m")
        await pilot.pause()
        mails = [m for m in app.store.all(OutboxMail) if m.kind == "reset_password"]
        assert [m.to for m in mails] == [("atsem.papillons@ecole.example",)]

        # the help lists the card's keys
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = " ".join(screen_text(app).split())
        for description in (L.KEY_CARD_BLOCK, L.KEY_CARD_PREDELETE, L.KEY_CARD_RENEWAL, L.KEY_CARD_GOTO):
            assert description in help_text
        await pilot.press("escape")
        # another session blocks the account: the card follows
        other = Store(demo_path, create=False)
        other_session = Session.open(other, None, TODAY)
        set_blocked(other_session, [account.id], True)
        app.store.refresh()
        await pilot.pause()
        assert L.BANNER_BLOCKED in screen_text(app)

        # an account never activated gets no renewal code: the key is not offered
        inactive = manual_account(app, "delete")
        await pilot.press("escape")
        await open_card(app, pilot, inactive)
        writes = app.store.write_count
        await pilot.press("c")
        assert app.store.write_count == writes
        assert fresh(app, inactive).renewal_code is None


# --------------------------------------------------------------------------- structures, blocking


async def test_detach_home_teacher_asks_twice_then_reattach(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        sid = app.session.structure_id
        teacher = teacher_without_class(app)
        assert teacher.home_structure == sid
        card = await open_card(app, pilot, teacher)
        await pilot.press("t")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
        # the home school: the service asks for a second confirmation
        assert isinstance(app.screen, ConfirmScreen)
        assert L.CONFIRM_HOME_TITLE in screen_text(app)
        assert fresh(app, teacher).structures == teacher.structures
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is card
        detached = fresh(app, teacher)
        assert sid not in detached.structures and sid in detached.removed_from_structures
        assert sid in on_disk(demo_path, teacher).removed_from_structures
        assert L.BANNER_DETACHED in screen_text(app)
        # Rétablir le rattachement
        await pilot.press("t")
        await pilot.pause()
        back = fresh(app, teacher)
        assert sid in back.structures and sid not in back.removed_from_structures


async def test_block_teacher_offers_detach_instead(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        sid = app.session.structure_id
        teacher = next(
            u for u in users(app, profiles=frozenset({Profile.TEACHER}))
            if u.home_structure != sid and not u.is_admin
        )
        await open_card(app, pilot, teacher)
        await pilot.press("b")
        assert isinstance(app.screen, ChoiceDialog)
        assert "tous ses" in screen_text(app)
        await pilot.press("right", "enter")  # "Retirer de cet établissement"
        await pilot.pause()
        after = fresh(app, teacher)
        assert not after.blocked and sid in after.removed_from_structures
        # blocking everywhere, then unblocking from the banner's key
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("b", "enter")
        await pilot.pause()
        assert fresh(app, teacher).blocked
        assert L.BANNER_BLOCKED in screen_text(app)
        await pilot.press("b")
        await pilot.pause()
        assert not fresh(app, teacher).blocked


async def test_local_admin_right_with_confirmation(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        sid = app.session.structure_id
        teacher = teacher_without_class(app)
        card = await open_card(app, pilot, teacher)
        await pilot.press("l")
        assert isinstance(app.screen, ConfirmScreen)
        text = screen_text(app)
        assert "Administrateur local" in text and "un collègue au plus" in text
        await pilot.press("enter")
        await pilot.pause()
        assert sid in fresh(app, teacher).admin_scope()
        assert L.BANNER_ADMIN in screen_text(app)
        await pilot.press("l", "enter")
        await pilot.pause()
        assert sid not in fresh(app, teacher).admin_scope()
        # not offered to a pupil
        await pilot.press("escape")
        pupil = onde_duplicate_pupil(app)
        card = await open_card(app, pilot, pupil)
        await pilot.press("l")
        assert app.screen is card
        assert not card.query_one("#admin-grant").display


# --------------------------------------------------------------------------- duplicates


async def test_merge_keeps_the_activated_account(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pupil = onde_duplicate_pupil(app)
        twin = app.store.get(User, pupil.duplicates[0].user_id)
        assert not pupil.activated and twin.activated and pupil.relatives
        card = await open_card(app, pilot, pupil)
        assert L.DUPLICATE_BLOCKING in screen_text(app)
        # fed by ONDE and still sent: no deletion offered
        writes = app.store.write_count
        await pilot.press("d")
        assert app.screen is card and app.store.write_count == writes
        assert L.CARD_DELETE_NOT_ALLOWED[:40] in screen_text(app)
        await pilot.press("u", "enter")
        assert isinstance(app.screen, CompareDialog)
        text = screen_text(app)
        assert twin.login in text and pupil.login in text
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert twin.login in screen_text(app)  # says which account survives
        await pilot.press("enter")  # keep the attachments
        await pilot.pause()
        assert fresh(app, pupil) is None
        survivor = fresh(app, twin)
        assert not survivor.duplicates
        assert set(pupil.relatives) <= set(survivor.relatives)
        assert app.screen is card and card.user_id == twin.id  # the card shows the survivor
        assert twin.login in screen_text(app)


async def test_merge_refused_when_both_activated_and_dissociate(make_app, demo_path):
    store = Store(demo_path, create=False)
    session = Session.open(store, None, TODAY)
    pupil = next(
        u for u in query_users(store, session.structure_id, UserQuery(duplicates=True))
        if u.profile is Profile.STUDENT and u.source is Source.AAF1D
    )
    with store.transaction("test", "test.activate") as tx:  # both accounts activated
        tx.put(pupil.model_copy(update={"activation_code": None}))
        tx.journal("test")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        card = await open_card(app, pilot, pupil)
        await pilot.press("u", "enter")
        assert isinstance(app.screen, CompareDialog)
        assert L.DUPLICATE_BOTH_ACTIVATED in screen_text(app)
        writes = app.store.write_count
        await pilot.press("f")
        await pilot.pause()
        assert app.screen is card
        assert app.store.write_count == writes
        assert fresh(app, pupil).duplicates
        assert L.DUPLICATE_BOTH_ACTIVATED in toasts(app)  # the service's refusal, in a toast
        # Dissocier: confirmation, then neither is a duplicate of the other
        twin_id = pupil.duplicates[0].user_id
        await pilot.press("u", "enter", "s")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
        after = fresh(app, pupil)
        assert not after.duplicates and twin_id in after.ignored_duplicates
        assert not card.query_one("#box-duplicates").display


# --------------------------------------------------------------------------- family


async def test_add_and_remove_a_responsable(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pupil = onde_duplicate_pupil(app)
        parent = next(u for u in users(app, profiles=frozenset({Profile.RELATIVE})) if u.id not in pupil.relatives)
        card = await open_card(app, pilot, pupil)
        await goto(pilot, "responsable")
        await pilot.press("a")
        assert isinstance(app.screen, PickDialog)
        await paste(pilot, app, f"{parent.first_name} {parent.last_name}")
        await pilot.pause()
        picker_list = app.screen.query_one("#pick-list", OptionList)
        await highlight(pilot, picker_list, parent.id)
        await pilot.press("enter")
        await pilot.pause()
        assert parent.id in fresh(app, pupil).relatives
        assert pupil.id in fresh(app, parent).children
        family = card.query_one("#list-family", CardList)
        family.focus()
        await highlight(pilot, family, parent.id)
        await pilot.press("delete", "enter")
        await pilot.pause()
        assert parent.id not in fresh(app, pupil).relatives
        assert pupil.id not in fresh(app, parent).children


# --------------------------------------------------------------------------- creation


async def test_create_pupil_birth_date_required_then_card(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        open_create_user(app, app.session)
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CreateUserScreen)
        before = app.store.count(User)
        writes = app.store.write_count
        await type_text(pilot, "Zoé")
        await pilot.press("tab")
        await paste(pilot, app, "Durand-Nuñez")
        await pilot.press("tab", "tab")  # date left empty, to Profil
        await pilot.press("enter")  # open the list of profiles
        await type_text(pilot, "él")  # type to search: Élève
        await pilot.press("enter")
        await pilot.pause()
        assert form.profile is Profile.STUDENT
        await pilot.press("tab")  # Classe
        await pilot.press("enter")
        await type_text(pilot, "CP A")
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        # refused: the error is beside the date, nothing written
        assert app.screen is form
        assert L.FIELD_BIRTH_REQUIRED in screen_text(app)
        assert app.store.count(User) == before and app.store.write_count == writes
        assert app.focused.id == "create-birth"
        await type_text(pilot, "14/03/2018")
        await pilot.press("enter")
        await pilot.pause()
        created = [u for u in app.store.all(User) if u.last_name == "Durand-Nuñez"]
        assert len(created) == 1
        new = created[0]
        assert new.login == "zoe.durandnunez" and new.source is Source.MANUAL
        assert new.profile is Profile.STUDENT and new.birth_date.isoformat() == "2018-03-14"
        assert [app.store.get(SchoolClass, c).name for c in new.classes] == ["CP A"]
        assert new.activation_code and len(new.activation_code) == 8
        assert on_disk(demo_path, new) is not None
        # the card of the new account opens, with the toast of the creation
        card = app.screen
        assert isinstance(card, UserCardScreen) and card.user_id == new.id
        text = screen_text(app)
        assert new.login in text and new.activation_code in text
        assert L.CREATE_DONE.format(name=new.display_name) in toasts(app)


async def test_create_parent_with_a_child_picked_by_search(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pupil = onde_duplicate_pupil(app)
        await pilot.pause()
        app.push_screen(CreateUserScreen(app.session))
        await pilot.pause()
        await type_text(pilot, "Marie")
        await pilot.press("tab")
        await paste(pilot, app, "Famille-Accueil")
        await pilot.press("tab", "tab", "enter")
        await type_text(pilot, "par")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("tab", "tab")  # Classe, then the pupils' search
        assert app.focused.id == "create-child-search"
        await paste(pilot, app, f"{pupil.first_name} {pupil.last_name}")
        await pilot.press("enter")  # to the results
        await highlight(pilot, app.focused, pupil.id)
        await pilot.press("enter")  # chosen
        assert pupil.display_name in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        parent = next(u for u in app.store.all(User) if u.last_name == "Famille-Accueil")
        assert parent.profile is Profile.RELATIVE and parent.children == (pupil.id,)
        assert parent.id in fresh(app, pupil).relatives


# --------------------------------------------------------------------------- bad input


async def test_markup_emoji_and_long_names_shown_literally_or_refused(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        open_create_user(app, app.session)
        await pilot.pause()
        form = app.screen
        before = app.store.count(User)
        # 500 characters: refused beside the field, nothing written
        await paste(pilot, app, "A" * 500)
        await pilot.press("tab")
        await paste(pilot, app, "Martin")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert L.FIELD_TOO_LONG.format(field=L.FIELD_FIRST_NAME, max=PERSON_NAME_MAX_LENGTH) in screen_text(app)
        assert app.store.count(User) == before
        # control characters: refused too (the focus is back on the faulty field)
        assert app.focused.id == "create-first"
        await pilot.press("ctrl+a", "ctrl+k")
        await paste(pilot, app, "Jean\x07")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and app.store.count(User) == before
        # markup and emoji: accepted and shown as typed
        await pilot.press("ctrl+a", "ctrl+k")
        await paste(pilot, app, "[bold]Zoé[/] 🎉")
        await pilot.press("tab", "ctrl+a", "ctrl+k")
        await paste(pilot, app, "[@click=app.quit]Martin")
        await pilot.press("enter")
        await pilot.pause()
        new = next(u for u in app.store.all(User) if u.first_name == "[bold]Zoé[/] 🎉")
        assert new.last_name == "[@click=app.quit]Martin"
        card = app.screen
        assert isinstance(card, UserCardScreen)
        text = screen_text(app)
        assert "[@click=app.quit]Martin [bold]Zoé[/] 🎉" in text
        # edited on the card: markup in the address is kept literally too
        await pilot.press("i")
        assert app.focused.id == "info-first"
        for _ in range(3):
            await pilot.press("tab")
        assert app.focused.id == "info-address"
        await paste(pilot, app, "[red]1 rue des Lilas[/red]")
        await pilot.press("enter")
        await pilot.pause()
        assert fresh(app, new).address == "[red]1 rue des Lilas[/red]"
        assert app.is_running  # [@click=app.quit] was never run


async def test_invalid_birth_date_on_the_card(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        account = manual_account(app, "predelete", Profile.PERSONNEL)
        card = await open_card(app, pilot, account)
        await pilot.press("i", "tab", "tab")
        assert app.focused.id == "info-birth"
        writes = app.store.write_count
        await pilot.press("ctrl+a", "ctrl+k")
        await paste(pilot, app, "31/02/2015")
        await pilot.press("enter")
        await pilot.pause()
        assert card.query_one("#info-birth-error").display
        assert text_of(card.query_one("#info-birth-error")) == L.FIELD_BAD_DATE
        assert app.store.write_count == writes
        await pilot.press("ctrl+a", "ctrl+k")
        await paste(pilot, app, "1985-06-02")
        await pilot.press("enter")
        await pilot.pause()
        assert fresh(app, account).birth_date.isoformat() == "1985-06-02"
        assert not card.query_one("#info-birth-error").display


# --------------------------------------------------------------------------- communication rules (issue 12)


async def test_card_opens_the_users_communication_rules(make_app):
    from entconsole.screens.user_rules import UserRulesScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pupil = onde_duplicate_pupil(app)
        card = await open_card(app, pilot, pupil)
        summary = text_of(card.query_one("#comm-text"))
        assert summary == L.QP_CARD_COMM_SUMMARY.format(groups=2, out=2, inc=2)  # pupil + class pupils groups
        assert "o" in {key for key, active in app.screen.active_bindings.items() if active.enabled}
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, UserRulesScreen) and app.screen.user_id == pupil.id
        assert L.URULES_SENDING in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is card
        # the button does the same
        card.query_one("#comm-open").press()
        await pilot.pause()
        assert isinstance(app.screen, UserRulesScreen)
