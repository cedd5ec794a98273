"""Groupes by keyboard: tabs, manual groups, members, the internal switch, links, the matrix.

Every test drives the console with keys only and checks the store afterwards.
"""

from __future__ import annotations

from textual.widgets import Input, OptionList

from entconsole import labels as L
from entconsole.models import Communication, CommunicationLink, Group, GroupType, Profile, User
from entconsole.screens.comm_matrix import CommMatrixScreen
from entconsole.screens.confirm import ConfirmScreen
from entconsole.screens.group_dialogs import GroupNameDialog
from entconsole.screens.group_members import GroupMembersScreen
from entconsole.screens.group_rules import GroupRulesScreen
from entconsole.screens.groups import GroupsSection
from entconsole.screens.main import MainScreen
from entconsole.screens.user_rules import UserPickDialog, UserRulesScreen
from entconsole.services.communication import reachable_groups
from entconsole.services.groups import group_member_ids
from entconsole.services.users import UserQuery, query_users
from entconsole.widgets.filter_panel import FilterCategories, FilterValues
from entconsole.widgets.group_picker import GroupPicker
from tests.ui.conftest import SIZE, screen_text


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def toast_titles(app) -> list[str]:
    return [str(n.title) for n in app._notifications]


def section(app) -> GroupsSection:
    return app.main_screen.query_one(GroupsSection)


def group_named(app, name: str) -> Group:
    """The group of the administered school named `name` (the other school has its own)."""
    sid = app.session.structure_id
    found = [g for g in app.session.store.all(Group) if g.name == name and g.structure_id == sid]
    assert len(found) == 1, (name, found)
    return found[0]


def structure_group(app, profile: Profile) -> Group:
    sid = app.session.structure_id
    return next(
        g for g in app.session.store.all(Group)
        if g.structure_id == sid and g.type is GroupType.PROFILE and g.class_id is None and g.profile is profile
    )


def flat(text: str) -> str:
    """Words separated by one space, box borders left out (wrapped lines compare equal)."""
    return " ".join(w for w in text.split() if w not in ("│", "▏", "▕"))


def row_words(text: str, label: str) -> str:
    """The matrix row of `label`, its words separated by one space (borders left out)."""
    for line in text.splitlines():
        words = [w for w in line.split() if w != "│"]
        if words and words[0] == label:
            return " ".join(words)
    raise AssertionError(label)


async def open_group(pilot, name: str, query: str, tab_key_presses: int = 0) -> None:
    """Section 3, the tab, then the group named `name` found by typing `query`; focus on the list."""
    await pilot.press("3", *([">"] * tab_key_presses), "slash", *query, "enter")
    await pilot.pause()
    current = section(pilot.app).current
    assert current is not None and current.group.name == name


async def test_tabs_search_and_facts(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        text = screen_text(app)
        for name in ("APE 2023-2024", "Chorale 2024-2025", "Groupe de besoins CE1", "RESP-AFFECT-GAR"):
            assert name in text
        assert L.GRP_COUNT.format(count=4) in text
        assert L.GRP_CREATED_BY.format(name="Vasseur Nathalie", date="19/09/2023") in text  # APE, highlighted
        await pilot.press(">")
        await pilot.pause()
        text = screen_text(app)
        assert "Élèves du groupe École élémentaire des Papillons." in text
        assert L.GRP_READ_ONLY.split(":")[0] in text
        await pilot.press(">")
        await pilot.pause()
        assert "ULIS" in screen_text(app) and "UPE2A" in screen_text(app)
        await pilot.press(">")
        await pilot.pause()
        text = screen_text(app)
        assert "Élèves du groupe CE1 A." in text
        assert L.GRP_KIND["classes"].format(name="CE1 A") in text
        # the search narrows the list (accents and case ignored)
        await pilot.press("<", "<", "<", "slash", *"CHOR")
        await pilot.pause()
        pane = section(app).pane
        assert [r.group.name for r in pane.rows] == ["Chorale 2024-2025"]
        assert isinstance(app.focused, Input)
        await pilot.press("n")  # typed, not "create"
        await pilot.pause()
        assert pane.search_input.value == "CHORn"
        assert not isinstance(app.screen, GroupNameDialog)


async def test_create_group_add_members_toggle_communication(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.session.store
        await pilot.press("3", "n")
        await pilot.pause()
        assert isinstance(app.screen, GroupNameDialog)
        await pilot.press("enter")  # empty name: refused beside the field
        await pilot.pause()
        assert L.FIELD_REQUIRED.format(field=L.GROUP_NAME_FIELD) in screen_text(app)
        await pilot.press(*"Sortie 2024-2025", "enter")
        await pilot.pause()
        group = group_named(app, "Sortie 2024-2025")
        assert group.type is GroupType.MANUAL
        assert group.internal_communication is Communication.BOTH  # a new manual group: BOTH
        assert group.created_by == app.session.admin.display_name
        assert L.GROUP_CREATED.format(name="Sortie 2024-2025") in toasts(app)
        assert section(app).current.group.id == group.id  # the list goes to the new group

        # "Gérer les utilisateurs du groupe": search, mark two, add (one write)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GroupMembersScreen)
        await pilot.press("slash", *"abadie", "enter")
        await pilot.pause()
        shown = [u.id for u in screen.candidates.users]
        assert len(shown) >= 2
        writes = store.write_count
        await pilot.press("space", "space", "plus")
        await pilot.pause()
        assert store.write_count == writes + 1
        assert group_member_ids(store, group) == set(shown[:2])
        # counts at once: the members' side and the title
        assert len(screen.members.users) == 2
        assert L.GRP_MEMBERS.format(count=2) in screen_text(app)
        assert not set(shown[:2]) & {u.id for u in screen.candidates.users}

        # remove one from the members' side (with confirmation)
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is screen.members
        await pilot.press("minus")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert len(group_member_ids(store, group)) == 1

        # back to the section: the switch, with confirmation
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert L.GRP_MEMBERS.format(count=1) in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.text == L.GRP_INTERNAL_OFF_CONFIRM.format(name="Sortie 2024-2025")
        await pilot.press("enter")
        await pilot.pause()
        assert store.get(Group, group.id).internal_communication is Communication.NONE
        assert flat(L.GRP_INTERNAL_OFF) in flat(screen_text(app))
        await pilot.press("c", "escape")  # cancelled: nothing changes
        await pilot.pause()
        assert store.get(Group, group.id).internal_communication is Communication.NONE


async def test_resp_affect_gar_guide_flow(make_app):
    """The guide: open RESP-AFFECT-GAR, filter Profils > Enseignant, select all, add."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.session.store
        sid = app.session.structure_id
        gar = group_named(app, "RESP-AFFECT-GAR")
        teachers = {u.id for u in query_users(store, sid, UserQuery(profiles=frozenset({Profile.TEACHER})))}
        assert teachers - group_member_ids(store, gar)  # some teachers are not in it yet
        await open_group(pilot, "RESP-AFFECT-GAR", "resp")
        await pilot.press("u")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GroupMembersScreen) and screen.editable
        await pilot.press("f")
        await pilot.pause()
        categories = screen.query_one(FilterCategories)
        assert app.focused is categories
        assert categories.get_option_at_index(categories.highlighted).id == "profiles"
        await pilot.press("enter")
        await pilot.pause()
        values = screen.query_one(FilterValues)
        assert app.focused is values
        labels = [str(values.get_option_at_index(i).prompt) for i in range(values.option_count)]
        await pilot.press(*(["down"] * labels.index(L.PROFILE["Teacher"])), "space")
        await pilot.pause()
        await pilot.press("escape")  # closes the panel, back to the candidates
        await pilot.pause()
        assert app.focused is screen.candidates
        assert {u.profile for u in screen.candidates.users} == {Profile.TEACHER}
        writes = store.write_count
        await pilot.press("a", "plus")
        await pilot.pause()
        assert store.write_count == writes + 1
        assert teachers <= group_member_ids(store, gar)
        assert screen.candidates.users == []
        assert L.GRP_MEMBERS.format(count=len(group_member_ids(store, gar))) in screen_text(app)


async def test_locked_group_cannot_be_renamed_or_deleted(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.session.store
        gar = group_named(app, "RESP-AFFECT-GAR")
        await open_group(pilot, "RESP-AFFECT-GAR", "resp")
        reason = L.GROUP_LOCKED.format(name="RESP-AFFECT-GAR")
        # the screen says why before anything is tried
        assert L.GRP_LOCKED_BADGE in screen_text(app)
        assert section(app).query_one("#manual-delete").display  # the buttons stay visible
        writes = store.write_count
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert reason in toasts(app)
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, GroupNameDialog)
        assert store.write_count == writes
        assert store.get(Group, gar.id) is not None


async def test_delete_manual_group_says_name_and_count(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.session.store
        chorale = group_named(app, "Chorale 2024-2025")
        members = group_member_ids(store, chorale)
        await open_group(pilot, "Chorale 2024-2025", "chor")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert L.GRP_DELETE_CONFIRM.format(name="Chorale 2024-2025") in app.screen.text
        assert L.GRP_DELETE_MEMBERS.format(count=len(members)) in app.screen.text
        assert "« Chorale 2024-2025 »" in flat(screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert store.get(Group, chorale.id) is None
        assert not any(chorale.id in store.get(User, uid).groups for uid in members)
        assert "Chorale 2024-2025" not in screen_text(app)


async def test_rename_manual_group(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.session.store
        ape = group_named(app, "APE 2023-2024")
        await open_group(pilot, "APE 2023-2024", "ape")
        await pilot.press("f2")
        await pilot.pause()
        field = app.screen.query_one(Input)
        assert field.value == "APE 2023-2024"
        field.value = ""
        await pilot.press(*"Chorale 2024-2025", "enter")  # taken: said beside the field
        await pilot.pause()
        assert isinstance(app.screen, GroupNameDialog)
        assert L.GROUP_NAME_TAKEN.format(name="Chorale 2024-2025") in screen_text(app)
        field.value = ""
        await pilot.press(*"APE 2024-2025", "enter")
        await pilot.pause()
        assert store.get(Group, ape.id).name == "APE 2024-2025"
        assert section(app).current.group.name == "APE 2024-2025"


async def test_forbidden_link_is_refused_and_nothing_written(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.session.store
        pupils = structure_group(app, Profile.STUDENT)
        parents = structure_group(app, Profile.RELATIVE)
        await open_group(pilot, pupils.name, "eleves eco", tab_key_presses=1)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, GroupRulesScreen)
        writes, links = store.write_count, len(list(store.all(CommunicationLink)))
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, GroupPicker)
        await pilot.press(*"par eco")
        await pilot.pause()
        assert app.screen.chosen() == [parents.id]  # all the school's parents
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GroupRulesScreen)  # no confirmation for a refused link
        assert L.COMM_FORBIDDEN in toast_titles(app)
        assert store.write_count == writes and len(list(store.all(CommunicationLink))) == links
        # the internal switch of all pupils is refused the same way
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert store.get(Group, pupils.id).internal_communication is Communication.NONE
        assert store.write_count == writes


async def test_add_and_remove_a_link_with_confirmation(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.session.store
        chorale = group_named(app, "Chorale 2024-2025")
        teachers = structure_group(app, Profile.TEACHER)
        await open_group(pilot, "Chorale 2024-2025", "chor")
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GroupRulesScreen)
        await pilot.press("a", *"ens eco", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert L.GRULES_ADD_CONFIRM.format(name="Chorale 2024-2025") in app.screen.text
        assert L.GRULES_ADD_WHAT.format(source="Chorale 2024-2025", target=teachers.name) in app.screen.text
        await pilot.press("enter")
        await pilot.pause()
        assert [g.id for g in reachable_groups(store, chorale)] == [teachers.id]
        assert [g.id for g in screen.shown["sending"]] == [teachers.id]  # shown at once
        # who sees the group: the right column; add then remove there
        await pilot.press("right", "a", *"ape", "enter", "enter")
        await pilot.pause()
        ape = group_named(app, "APE 2023-2024")
        assert [g.id for g in reachable_groups(store, ape)] == [chorale.id]
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert reachable_groups(store, ape) == []
        await pilot.press("left", "d", "escape")  # cancelled
        await pilot.pause()
        assert [g.id for g in reachable_groups(store, chorale)] == [teachers.id]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert L.GRP_RULES_SUMMARY.format(out=1, inc=0) in screen_text(app)


async def test_markup_in_group_name_is_shown_literally(make_app):
    app = make_app()
    name = "[bold]Atelier[/] [@click=app.quit]x[/]"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "n", *name, "enter")
        await pilot.pause()
        store = app.session.store
        group = group_named(app, name)
        assert name in screen_text(app)  # list and details
        assert L.GROUP_CREATED.format(name=name) in toasts(app)
        await pilot.press("enter")
        await pilot.pause()
        assert L.GMEM_TITLE.format(name=name) in screen_text(app)
        await pilot.press("escape", "r")
        await pilot.pause()
        assert L.GRULES_TITLE.format(name=name) in screen_text(app)
        await pilot.press("escape", "d")
        await pilot.pause()
        assert L.GRP_DELETE_CONFIRM.format(name=name) in app.screen.text
        assert flat(f"« {name} »") in flat(screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert store.get(Group, group.id) is None
        assert app.is_running


async def test_matrix_follows_the_rules(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "m")
        await pilot.pause()
        assert isinstance(app.screen, CommMatrixScreen)
        text = screen_text(app)
        assert L.MATRIX_TITLE in text and L.MATRIX_SAME in text
        assert row_words(text, "Élèves") == "Élèves Ceux de la classe Ceux de la classe Ceux de la classe Les siens Non"
        assert row_words(text, "Parents") == "Parents Non Ceux de la classe Les siens Non Non"
        await pilot.press("escape")
        await pilot.pause()
        # guests may now reach the teachers: the matrix shows the change
        guests, teachers = structure_group(app, Profile.GUEST), structure_group(app, Profile.TEACHER)
        await open_group(pilot, guests.name, "inv", tab_key_presses=1)
        await pilot.press("r", "a", *"ens eco", "enter", "enter", "escape")
        await pilot.pause()
        assert [g.id for g in reachable_groups(app.session.store, guests)] == [teachers.id]
        await pilot.press("m")
        await pilot.pause()
        text = screen_text(app)
        assert row_words(text, "Invités") == "Invités Non Oui * Non Non Non"
        assert L.MATRIX_CHANGE_LINE.format(source="Invités", target="Enseignants", actual="Oui", default="Non") in text


async def test_user_rules_screen(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.session.store
        sid = app.session.structure_id
        pupil = next(
            u for u in query_users(store, sid, UserQuery(profiles=frozenset({Profile.STUDENT})))
            if u.relatives and u.classes
        )
        parent = store.get(User, pupil.relatives[0])
        app.push_screen(UserRulesScreen(app.session, pupil.id))
        await pilot.pause()
        text = screen_text(app)
        assert L.URULES_GROUPS in text and L.URULES_SENDING in text and L.URULES_RECEIVING in text
        assert "Élèves du groupe" in text
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, UserPickDialog)
        await pilot.press(*f"{parent.first_name} {parent.last_name}")
        await pilot.pause()
        picker = app.screen
        assert parent.id in [u.id for u in picker.users]
        picker.query_one(OptionList).highlighted = [u.id for u in picker.users].index(parent.id)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Oui :" in text and L.COMM_WHY_RELATIVE.split("«")[0].strip() in text
        # Enter on a group opens its rules
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GroupRulesScreen)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, (UserRulesScreen, GroupRulesScreen))


async def test_profile_group_members_are_read_only(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.session.store
        teachers = structure_group(app, Profile.TEACHER)
        await open_group(pilot, teachers.name, "ens", tab_key_presses=1)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GroupMembersScreen) and not screen.editable
        assert L.GMEM_VIEW_TITLE.format(name=teachers.name) in screen_text(app)
        assert len(screen.members.users) == len(group_member_ids(store, teachers))
        writes = store.write_count
        await pilot.press("enter", "minus", "plus", "f")
        await pilot.pause()
        assert app.screen is screen and store.write_count == writes


async def test_quick_action_opens_creation(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.show_section("groups", "create_group")
        await pilot.pause()
        assert isinstance(app.screen, GroupNameDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert section(app).tabs.active == "grp-manual"


async def test_members_screen_follows_another_sessions_write(make_app, demo_path, clock):
    from entconsole.services.accounts import add_to_group
    from entconsole.services.session import Session
    from entconsole.store import Store
    from tests.conftest import TODAY

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        chorale = group_named(app, "Chorale 2024-2025")
        await open_group(pilot, "Chorale 2024-2025", "chor")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GroupMembersScreen)
        before = len(screen.members.users)
        other = Session.open(Store(demo_path, clock=clock), None, TODAY)
        newcomer = screen.candidates.users[0]
        add_to_group(other, [newcomer.id], chorale.id)
        app.store.refresh()  # what the console's poll does every two seconds
        await pilot.pause()
        assert len(screen.members.users) == before + 1
        assert newcomer.id not in {u.id for u in screen.candidates.users}
