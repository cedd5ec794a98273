"""The users list (section 2) by keyboard, asserting on the store afterwards."""

from __future__ import annotations

from datetime import date as date_

from textual.widgets import Input

from entconsole import labels as L
from entconsole.models import GroupType, JournalEntry, Profile, Source, User
from entconsole.screens.confirm import ConfirmScreen
from entconsole.screens.main import MainScreen
from entconsole.screens.users import UsersSection
from entconsole.screens.users_dialogs import ManualGroupPicker, StatusLegend
from entconsole.services.accounts import structure_groups
from entconsole.services.session import Session
from entconsole.services.user_create import NewUser, create_user
from entconsole.services.user_list import Category, count_text, filter_facets
from entconsole.services.users import Predeletion, SortKey, UserQuery, query_users, set_blocked
from entconsole.store import Store
from entconsole.text import fold
from entconsole.widgets.filter_panel import FilterCategories, FilterChips, FilterValues
from tests.conftest import TODAY
from tests.ui.conftest import SIZE, screen_text


def section(app) -> UsersSection:
    return app.main_screen.query_one(UsersSection)


def shown_ids(app) -> list[str]:
    return [u.id for u in section(app).users]


def expected_ids(app, **query) -> list[str]:
    return [u.id for u in query_users(app.store, app.session.structure_id, UserQuery(**query))]


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def category_index(app, category: Category) -> int:
    return [f.category for f in filter_facets(app.session)].index(category)


def value_index(app, category: Category, key: str) -> int:
    facet = next(f for f in filter_facets(app.session) if f.category is category)
    return [v.key for v in facet.values].index(key)


async def open_category(pilot, app, category: Category) -> None:
    """From the categories column (Profils highlighted), enter `category`."""
    assert isinstance(app.focused, FilterCategories)
    app.focused.highlighted = 0
    await pilot.press(*["down"] * category_index(app, category), "enter")


async def tick(pilot, app, category: Category, key: str) -> None:
    await open_category(pilot, app, category)
    assert isinstance(app.focused, FilterValues)
    await pilot.press(*["down"] * value_index(app, category, key), "space", "left")


async def test_search_ignores_accents_case_and_hyphens(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        assert shown_ids(app) == expected_ids(app)  # pre-deleted hidden by default
        assert count_text(len(shown_ids(app))) in screen_text(app)
        await pilot.press("slash", *"helene")
        # letters typed in the search box never fire the list's keys (l, n, e…)
        assert isinstance(app.screen, MainScreen)
        users = section(app).users
        assert users and shown_ids(app) == expected_ids(app, search="helene")
        assert any(u.first_name == "Hélène" for u in users)
        assert all("helene" in fold(f"{u.first_name} {u.last_name}") for u in users)
        assert L.ULIST_COUNT.format(count=len(users)) in screen_text(app)
        assert "BAILLY Hélène" in screen_text(app)  # "NOM Prénom"
        await pilot.press("ctrl+u", *"JEAN PIERRE")
        users = section(app).users
        assert users and all("Jean-Pierre" in (u.first_name + u.last_name) for u in users)
        await pilot.press("ctrl+u", *"zzqqxx")
        assert shown_ids(app) == []
        assert "Aucun utilisateur" in screen_text(app)
        # Entrée goes to the list, Échap from the list clears nothing and goes home
        await pilot.press("ctrl+u", "enter")
        assert app.focused is section(app).user_list
        await pilot.press("escape")
        assert app.screen.current_section == "home"


async def test_filter_profile_then_source_manual_and_remove_chips(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "f")
        assert isinstance(app.focused, FilterCategories)
        assert L.FILTER_CATEGORY["profiles"] in screen_text(app)
        # Profils (par défaut tous) > Enseignant
        await tick(pilot, app, Category.PROFILES, Profile.TEACHER.value)
        teachers = expected_ids(app, profiles=frozenset({Profile.TEACHER}))
        assert teachers and shown_ids(app) == teachers
        text = screen_text(app)
        assert count_text(len(teachers)) in text and "Profil : Enseignant" in text
        assert L.ULIST_FILTERED.format(count=1) in text
        # and Sources > Manuel: both categories apply
        await tick(pilot, app, Category.SOURCES, Source.MANUAL.value)
        both = expected_ids(app, profiles=frozenset({Profile.TEACHER}), sources=frozenset({Source.MANUAL}))
        assert shown_ids(app) == both
        assert count_text(len(both)) in screen_text(app)
        # the ticked values are listed; Entrée on one removes it alone
        await pilot.press("shift+tab")
        assert isinstance(app.focused, FilterChips)
        await pilot.press("enter")  # "Profil : Enseignant"
        manual = expected_ids(app, sources=frozenset({Source.MANUAL}))
        assert shown_ids(app) == manual and len(manual) > len(both)
        assert "Profil : Enseignant" not in screen_text(app)
        assert all(app.store.get(User, i).source is Source.MANUAL for i in manual)
        # Échap closes the panel (the filter stays), a second Échap goes home
        await pilot.press("escape")
        assert not section(app).panel_open and app.focused is section(app).user_list
        assert shown_ids(app) == manual
        await pilot.press("escape")
        assert app.screen.current_section == "home"


async def test_pre_deleted_hidden_by_default_and_shown_on_request(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        assert all(app.store.get(User, i).delete_date is None for i in shown_ids(app))
        hidden = shown_ids(app)
        await pilot.press("f")
        await tick(pilot, app, Category.PREDELETION, Predeletion.PREDELETED.value)
        everyone = shown_ids(app)
        predeleted = [i for i in everyone if app.store.get(User, i).delete_date is not None]
        assert predeleted and set(everyone) == set(hidden) | set(predeleted)
        # "Désélectionner tout" in Pré-suppression: no filter at all, same accounts
        await open_category(pilot, app, Category.PREDELETION)
        await pilot.press("x")
        assert set(shown_ids(app)) == set(everyone)
        assert L.FILTER_NONE_SELECTED in screen_text(app)


async def test_mark_two_rows_and_block_them(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        first, second = section(app).users[:2]
        assert not first.blocked and not second.blocked
        await pilot.press("space", "space")
        assert L.ULIST_MARKED.format(count=2) in screen_text(app)
        writes = app.store.write_count
        await pilot.press("b")
        assert isinstance(app.screen, ConfirmScreen)
        assert "2" in app.screen.text and L.BULK_BLOCK.format(count=2) in app.screen.text
        assert first.display_name.split()[0].upper() in app.screen.text
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        assert app.store.get(User, first.id).blocked and app.store.get(User, second.id).blocked
        assert app.store.write_count == writes + 1
        entry = max(app.store.all(JournalEntry), key=lambda e: e.revision)
        assert entry.action == "user.block" and set(entry.targets) == {first.id, second.id}
        assert L.USERS_BLOCKED.format(count=2) in messages(app)
        assert not section(app).user_list.marked  # marks cleared after the action
        # the list shows it: the blocked icon on those rows; unblock the cursor row with B
        assert section(app).users[0].blocked
        await pilot.press("home", "B")
        assert L.BULK_UNBLOCK.format(count=1) in app.screen.text
        await pilot.press("escape")  # cancelled: nothing written
        assert app.store.get(User, first.id).blocked and app.store.write_count == writes + 1


async def test_add_marked_users_to_a_manual_group(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        group = next(g for g in structure_groups(app.session, GroupType.MANUAL) if g.name.startswith("Chorale"))
        targets = [u for u in section(app).users[:3] if group.id not in u.groups][:2]
        await pilot.press("space", "space")
        assert list(section(app).user_list.marked) == [u.id for u in section(app).users[:2]]
        await pilot.press("g")
        assert isinstance(app.screen, ManualGroupPicker)
        await pilot.press(*"chorale")
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)
        assert L.BULK_GROUP.format(count=2, group=group.name) in app.screen.text
        await pilot.press("enter")
        assert all(group.id in app.store.get(User, u.id).groups for u in targets)
        assert L.GROUP_MEMBERS_ADDED.format(count=2, group=group.name) in messages(app)


async def test_delete_and_predelete_marked_manual_accounts(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        # one account fed by ONDE is marked too: it cannot be deleted
        await pilot.press("2", "slash", *"livia abadie", "enter")
        fed = section(app).users[0]
        assert fed.source is Source.AAF1D and section(app).user_list.current_user.id == fed.id
        await pilot.press("space", "slash", "ctrl+u", "enter")
        # Sources > Manuel, close the panel, mark every manual account (marks add up)
        await pilot.press("f")
        await tick(pilot, app, Category.SOURCES, Source.MANUAL.value)
        await pilot.press("escape", "a")
        manual = [app.store.get(User, i) for i in shown_ids(app)]
        assert len(section(app).user_list.marked) == len(manual) + 1
        never = [u for u in manual if not u.activated]
        activated = [u for u in manual if u.activated]
        assert never and activated
        writes = app.store.write_count
        await pilot.press("d")
        text = app.screen.text
        assert L.BULK_DELETE.format(count=len(manual) + 1) in text
        assert L.BULK_DELETE_DELETE.format(count=len(never)) in text
        assert L.BULK_DELETE_PREDELETE.format(count=len(activated)) in text
        assert L.BULK_DELETE_SKIP.format(count=1) in text
        await pilot.press("enter")
        assert app.store.write_count == writes + 1
        assert all(app.store.get(User, u.id) is None for u in never)  # gone, login freed
        assert all(app.store.get(User, u.id).delete_date == TODAY for u in activated)
        assert app.store.get(User, fed.id).delete_date is None
        assert L.USERS_DELETED.format(deleted=len(never), predeleted=len(activated), skipped=1) in messages(app)
        # the list follows: pre-deleted accounts are hidden again
        await pilot.press("ctrl+u")
        assert not set(shown_ids(app)) & {u.id for u in manual}


async def test_nothing_deletable_says_so_without_asking(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        assert section(app).users[0].source is not Source.MANUAL
        writes = app.store.write_count
        await pilot.press("d")
        assert isinstance(app.screen, MainScreen)
        assert L.BULK_DELETE_NONE in messages(app)
        assert app.store.write_count == writes


async def test_markup_in_names_is_shown_literally(make_app, demo_path, clock):
    session = Session.open(Store(demo_path, clock=clock), None, TODAY)
    create_user(session, NewUser(first_name="[bold]x[/]", last_name="[@click=app.quit]Zed"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash", *"bold", "enter")
        assert len(section(app).users) == 1
        assert "[@CLICK=APP.QUIT]ZED [bold]x[/]" in screen_text(app)
        await pilot.press("b")
        assert "[@CLICK=APP.QUIT]ZED [bold]x[/]" in screen_text(app)
        await pilot.press("escape")
        await pilot.click(UsersSection, offset=(10, 3))  # a click on the row does not run the link
        assert app.is_running


async def test_sort_by_name_and_by_profile_toggle(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "p")
        assert shown_ids(app) == expected_ids(app, sort=SortKey.PROFILE)
        assert section(app).users[0].profile is Profile.TEACHER
        await pilot.press("p")
        assert shown_ids(app) == expected_ids(app, sort=SortKey.PROFILE, descending=True)
        await pilot.press("s")
        assert shown_ids(app) == expected_ids(app)
        await pilot.press("s")
        assert shown_ids(app) == expected_ids(app, descending=True)
        assert f"{L.ULIST_SORT['name']} {L.ULIST_SORT_DESC}" in screen_text(app)


async def test_targets_from_other_sections(make_app):
    from entconsole.screens.user_card import UserCardScreen
    from entconsole.screens.user_create import CreateUserScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.show_section("users", "blocked")  # "Consulter la liste des utilisateurs bloqués"
        await pilot.pause()
        blocked = expected_ids(app, blocked=True)
        assert blocked and shown_ids(app) == blocked
        assert L.ULIST_FILTERED.format(count=1) in screen_text(app)
        target = blocked[0]
        app.show_section("users", f"user:{target}")  # from Signalements
        await pilot.pause()
        assert isinstance(app.screen, UserCardScreen) and app.screen.user_id == target
        app.show_section("users", "create_user")  # Accueil's quick action
        await pilot.pause()
        assert isinstance(app.screen, CreateUserScreen)


async def test_creation_opens_the_card_and_the_list_follows(make_app):
    from entconsole.screens.user_card import UserCardScreen
    from entconsole.screens.user_create import CreateUserScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "n")
        assert isinstance(app.screen, CreateUserScreen)
        result = create_user(app.session, NewUser(first_name="Zoé", last_name="Abadie"))
        app.screen.dismiss(result.target_id)
        await pilot.pause()
        assert isinstance(app.screen, UserCardScreen) and app.screen.user_id == result.target_id
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert result.target_id in shown_ids(app)
        assert section(app).user_list.current_user.id == result.target_id


async def test_back_from_the_card_reads_the_store_again(make_app):
    from entconsole.screens.user_card import UserCardScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, UserCardScreen)
        user_id = app.screen.user_id
        assert user_id == section(app).user_list.current_user.id
        set_blocked(app.session, [user_id], True)  # what the card's Bloquer does
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert section(app).user_list.current_user.blocked


async def test_legend_and_help(make_app):
    from entconsole.screens.help import HelpScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        assert L.ULIST_LEGEND_SHORT["inactive"] in screen_text(app)  # the line under the list
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = app.screen.query_one("#help-table").render().plain
        for label in (L.KEY_ULIST_LEGEND, L.KEY_ULIST_FILTERS, L.KEY_ULIST_BLOCK, L.KEY_ULIST_GROUP,
                      L.KEY_ULIST_DELETE, L.KEY_ULIST_MARK, L.KEY_ULIST_SORT_PROFILE):
            assert label in help_text
        await pilot.press("escape", "l")
        assert isinstance(app.screen, StatusLegend)
        text = screen_text(app)
        for label in L.STATUS.values():
            assert label in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_marks_survive_a_search_and_escape_clears_them(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "space")
        marked = list(section(app).user_list.marked)
        await pilot.press("slash", *"helene", "enter", "space")
        assert len(section(app).user_list.marked) == 2 and marked[0] in section(app).user_list.marked
        assert not isinstance(app.focused, Input)
        await pilot.press("escape")
        assert not section(app).user_list.marked
        assert app.screen.current_section == "users"


async def test_huge_structure_queries_in_a_thread(make_app, monkeypatch):
    import entconsole.screens.users as users_screen

    monkeypatch.setattr(users_screen, "SYNC_QUERY_LIMIT", 0)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash", *"helene")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert shown_ids(app) == expected_ids(app, search="helene")
        assert L.ULIST_COUNT.format(count=len(shown_ids(app))) in screen_text(app)


async def test_class_search_box_and_creation_dates(make_app):
    from datetime import date

    from entconsole.models import SchoolClass

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "f")
        await open_category(pilot, app, Category.CLASSES)
        assert app.focused.id == "filter-search"  # Classes has a search box, focused first
        classes = sorted(app.store.find(SchoolClass, "structure", app.session.structure_id), key=lambda c: c.name)
        wanted = next(c for c in classes if "CM1" in c.name)
        await pilot.press(*"cm1")  # case ignored; "f" or "n" here would be typed, not keys
        values = app.screen.query_one(FilterValues)
        assert 0 < values.option_count < len(classes)
        assert all("cm1" in values.get_option_at_index(i).prompt.plain.lower() for i in range(values.option_count))
        await pilot.press("enter")  # to the narrowed values
        assert isinstance(app.focused, FilterValues)
        index = [values.get_option_at_index(i).value for i in range(values.option_count)].index(wanted.id)
        await pilot.press(*["down"] * index, "space", "left")
        assert shown_ids(app) == expected_ids(app, classes=frozenset({wanted.id}))
        assert f"Classe : {wanted.name}" in screen_text(app)
        # Date de création: an invalid date is refused beside the field, a valid one filters
        await open_category(pilot, app, Category.CREATED)
        assert app.focused.id == "filter-before"
        before = shown_ids(app)
        await pilot.press(*"31/02/2024")
        assert L.FILTER_DATE_INVALID in screen_text(app) and shown_ids(app) == before
        await pilot.press("ctrl+u", *"01/01/2024")
        assert L.FILTER_DATE_INVALID not in screen_text(app)
        assert shown_ids(app) == expected_ids(app, classes=frozenset({wanted.id}), created_before=date(2024, 1, 1))
        assert "Créés avant le 01/01/2024" in screen_text(app)
        # Échap from a field closes the whole panel; the filters stay
        await pilot.press("escape")
        assert not section(app).panel_open
        assert shown_ids(app) == expected_ids(app, classes=frozenset({wanted.id}), created_before=date(2024, 1, 1))


def test_rows_keep_their_columns():
    from datetime import datetime

    from entconsole.models import Status
    from entconsole.widgets.user_list import STATUS_GLYPH, row_content

    user = User(first_name="Émilie", last_name="Dupont-Moreau", display_name="Dupont-Moreau Émilie",
                profile=Profile.TEACHER, login="emilie.dupontmoreau", activation_code="abcdefgh",
                blocked=True, delete_date=date_(2024, 9, 1), source=Source.MANUAL,
                structures=(), removed_from_structures=("s1",), creation_date=datetime(2024, 1, 1))
    row = row_content(user, 70, marked=True, detached=True)
    assert row.cell_length == 70
    text = row.plain
    assert text.startswith(" ✓ DUPONT-MOREAU Émilie")
    icons = [text.find(STATUS_GLYPH[s]) for s in (Status.INACTIVE, Status.BLOCKED, Status.PREDELETED)]
    assert icons == sorted(icons) and -1 not in icons  # DOMAIN.md's order, fixed slots
    assert STATUS_GLYPH[Status.DUPLICATE] not in text and STATUS_GLYPH[Status.PENDING_PREDELETION] not in text
    assert "Enseignant" in text
    assert any("strike" in str(span.style) for span in row.spans)  # detached: struck through
    long = user.model_copy(update={"first_name": "x" * 500})
    assert row_content(long, 70, marked=False, detached=False).cell_length == 70
