"""Services › Applications: each application's roles and the groups holding them."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from entconsole import labels as L
from entconsole.screens.action_pane import ActionPane, GroupRightsList, select_option
from entconsole.screens.master_detail_pane import MasterDetailPane
from entconsole.screens.confirm import ConfirmScreen
from entconsole.screens.checks import while_composed
from entconsole.services import apps
from entconsole.services.apps import ApplicationView, RoleView
from entconsole.services.errors import ServiceError
from entconsole.widgets.group_picker import GroupPicker, group_prompt
from entconsole.widgets.inputs import SearchInput

SEP = "|"  # option ids: "role|<role>", "group|<role>|<group>", "empty|<role>"


class ApplicationList(OptionList):
    """The applications; Enter goes to the roles."""


class RoleGroupList(GroupRightsList):
    """Roles of the application, each followed by the structure's groups holding it."""


class ApplicationsPane(MasterDetailPane):
    BINDINGS = [
        Binding("slash", "search", L.KEY_APP_SEARCH, id="apps.search", show=False),
        Binding("escape", "clear_search", L.KEY_SR_CLEAR_SEARCH, id="apps.clear_search", show=False),
        Binding("up", "move(-1)", L.KEY_UP, id="apps.up", show=False),
        Binding("down", "move(1)", L.KEY_DOWN, id="apps.down", show=False),
    ]

    MASTER_ID = "apps-list"
    DETAIL_ID = "apps-roles"
    items: list[ApplicationView]
    current: ApplicationView | None

    def compose(self) -> ComposeResult:
        with Horizontal(id="apps-columns"):
            with Vertical(id="apps-left", classes="svc-box") as box:
                box.border_title = L.SVC_TAB_APPS
                yield SearchInput(placeholder=L.APP_SEARCH, id="apps-search", compact=True)
                yield ApplicationList(id="apps-list")
                yield Static(id="apps-count", classes="svc-count")
            with Vertical(id="apps-right", classes="svc-box") as box:
                box.border_title = L.APP_ROLES
                box.border_subtitle = L.APP_HINT
                yield Static(id="apps-title")
                yield RoleGroupList(id="apps-roles")

    def on_mount(self) -> None:
        self.refresh_data()

    # ---- data

    def refresh_data(self) -> None:
        search = self.query_one("#apps-search", Input).value
        try:
            self.items = apps.applications(self.session, search)
        except ServiceError as error:
            self.items = []
            self.query_one("#apps-count", Static).update(Content(error.message))
            return
        listing = self.query_one("#apps-list", ApplicationList)
        wanted = self.current.application.id if self.current else None
        fallback = listing.highlighted
        listing.set_options(Option(Content(v.application.display_name), id=v.application.id) for v in self.items)
        select_option(listing, wanted, fallback)
        count = L.APP_COUNT.format(count=len(self.items)) if self.items else L.APP_NONE
        self.query_one("#apps-count", Static).update(Content(count))
        self.pick_current()

    def item_id(self, item: ApplicationView) -> str:
        return item.application.id

    def show_current(self) -> None:
        roles = self.query_one("#apps-roles", RoleGroupList)
        title = self.query_one("#apps-title", Static)
        wanted = roles.highlighted_option.id if roles.highlighted_option else None
        fallback = roles.highlighted
        if self.current is None:
            title.update("")
            roles.clear_options()
            return
        application = self.current.application
        title.update(Content.assemble((application.display_name, "bold"), "  ", (application.address, "dim")))
        options: list[Option] = []
        for view in self.current.roles:
            options.append(Option(self._role_prompt(view), id=f"role{SEP}{view.role.id}"))
            for group in view.groups:
                options.append(Option(Content("    ") + group_prompt(group), id=f"group{SEP}{view.role.id}{SEP}{group.id}"))
            if not view.groups:
                empty = Content.styled(f"    {L.APP_ROLE_NO_GROUP}", "italic $text-muted")
                options.append(Option(empty, id=f"empty{SEP}{view.role.id}", disabled=True))
        roles.set_options(options)
        select_option(roles, wanted, fallback)

    @staticmethod
    def _role_prompt(view: RoleView) -> Content:
        return Content.assemble(
            (view.role.name, "bold"), "  ", (L.APP_ROLE_COUNT.format(count=len(view.groups)), "dim")
        )

    @on(Input.Changed, "#apps-search")
    def _search(self, event: Input.Changed) -> None:
        event.stop()
        self.current = None
        self.query_one("#apps-list", ApplicationList).highlighted = None
        self.refresh_data()

    @on(Input.Submitted, "#apps-search")
    def _search_done(self, event: Input.Submitted) -> None:
        event.stop()
        if self.items:
            self.query_one("#apps-list", ApplicationList).focus()

    # ---- keys

    @while_composed
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        search = self.query_one("#apps-search", Input)
        if action == "clear_search":
            return search.has_focus and bool(search.value)
        if action == "move":
            return search.has_focus
        return True

    def action_search(self) -> None:
        self.query_one("#apps-search", Input).focus()

    def action_clear_search(self) -> None:
        self.query_one("#apps-search", Input).value = ""

    def action_move(self, step: int) -> None:
        listing = self.query_one("#apps-list", ApplicationList)
        if listing.option_count:
            current = listing.highlighted if listing.highlighted is not None else -1
            listing.highlighted = max(0, min(listing.option_count - 1, current + step))

    # ---- actions

    def _highlighted_row(self) -> list[str] | None:
        roles = self.query_one("#apps-roles", RoleGroupList)
        option = roles.highlighted_option
        return option.id.split(SEP) if option is not None and option.id else None

    def _role_view(self, role_id: str) -> RoleView | None:
        if self.current is None:
            return None
        return next((r for r in self.current.roles if r.role.id == role_id), None)

    @on(ActionPane.Act)
    def _role_action(self, event: ActionPane.Act) -> None:
        """On the roles list: "grant" the role to groups, "withdraw" it from the highlighted group."""
        event.stop()
        row = self._highlighted_row()
        if event.verb == "grant":
            view = self._role_view(row[1]) if row else None
            if view is None:
                self.notify(L.APP_PICK_ROLE, severity="warning", markup=False)
                return
            self._add_groups(view)
            return
        if not row or row[0] != "group" or (view := self._role_view(row[1])) is None:
            self.notify(L.APP_PICK_GROUP, severity="warning", markup=False)
            return
        group = next((g for g in view.groups if g.id == row[2]), None)
        if group is not None:
            self._remove_group(view, group)

    def _add_groups(self, view: RoleView) -> None:
        assert self.current is not None
        application = self.current.application
        offered = self.groups_to_offer({g.id for g in view.groups})
        if offered is None:
            return
        picker = GroupPicker(L.APP_PICKER_TITLE.format(role=view.role.name), offered)
        self.app.push_screen(picker, partial(self._groups_picked, application.id, view.role.id))

    def _groups_picked(self, application_id: str, role_id: str, group_ids: list[str] | None) -> None:
        if group_ids:
            self.run_action(apps.grant_role, application_id, role_id, group_ids)
        self.query_one("#apps-roles", RoleGroupList).focus()

    def _remove_group(self, view: RoleView, group) -> None:
        assert self.current is not None
        application = self.current.application
        text = L.APP_CONFIRM_REVOKE.format(role=view.role.name, app=application.display_name, group=group.name)
        confirm = ConfirmScreen(L.APP_CONFIRM_REVOKE_TITLE, text, confirm_label=L.KEY_SVC_REMOVE_GROUP)

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.run_action(apps.revoke_role, application.id, view.role.id, [group.id])

        self.app.push_screen(confirm, confirmed)
