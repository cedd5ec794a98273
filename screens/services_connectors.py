"""Services › Connecteurs: the structure's links and SSO connectors, their access rights."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from entconsole import labels as L
from entconsole.models import Connector, Group
from entconsole.screens.action_pane import ActionPane, GroupRightsList, PaneList, select_option
from entconsole.screens.confirm import ConfirmScreen
from entconsole.screens.connector_form import ConnectorForm
from entconsole.services import apps
from entconsole.services.apps import ConnectorFields
from entconsole.services.errors import ServiceError
from entconsole.services.results import ActionResult
from entconsole.widgets.group_picker import GroupPicker, group_prompt

LABEL_WIDTH = max(len(label) for label in L.CONN_FIELD.values()) + 1
SECRET_SHOWN = "••••••••"


def connector_prompt(connector: Connector) -> Content:
    """Icon column (locked / inherited) and display name (the identifier is in the detail)."""
    if connector.locked:
        icon: tuple[str, str] | str = (L.CONN_LOCKED_ICON, "bold $text-warning")
    elif connector.inherited:
        icon = (L.CONN_INHERITED_ICON, "bold $text-accent")
    else:
        icon = " "
    return Content.assemble(icon, " ", Content(connector.display_name))


def connector_facts(connector: Connector) -> Content:
    """The connector's properties, CAS and OAuth fields, as label / value lines."""

    def line(name: str, value: str | None) -> Content:
        label = L.CONN_FIELD[name].rstrip("*")
        return Content.assemble((label.ljust(LABEL_WIDTH), "$text-secondary"), Content(value or L.CONN_EMPTY_VALUE))

    lines = [
        line("identifier", connector.identifier),
        line("display_name", connector.display_name),
        line("url", connector.url),
        line("icon", connector.icon),
        line("target", L.CONN_TARGET[connector.target.value]),
        line("cas_type", connector.cas_type),
        line("cas_pattern", connector.cas_pattern),
        line("oauth_client_id", connector.oauth_client_id),
        line("oauth_secret", SECRET_SHOWN if connector.oauth_secret else None),
        line("oauth_scope", connector.oauth_scope),
        line("oauth_grant_type", connector.oauth_grant_type),
        line("oauth_transfer_session", L.YES if connector.oauth_transfer_session else L.NO),
    ]
    return Content("\n").join(lines)


class ConnectorList(PaneList):
    BINDINGS = [
        Binding("a", "act('grant')", L.KEY_SVC_ADD_GROUPS, id="connectors.grant"),
        Binding("d", "act('delete')", L.KEY_CONN_DELETE, id="connectors.delete"),
        Binding("delete", "act('delete')", L.KEY_CONN_DELETE, id="connectors.delete_del", show=False),
    ]


class ConnectorGroupList(GroupRightsList):
    """The groups that have access to the connector."""


class ConnectorsPane(ActionPane):
    BINDINGS = [
        Binding("n", "new", L.KEY_CONN_NEW, id="connectors.new"),
    ]

    def __init__(self, session, *, id: str | None = None) -> None:
        super().__init__(session, id=id)
        self.connectors: list[Connector] = []
        self.current: Connector | None = None
        self.highlight_next: str | None = None  # after a refresh, highlight this connector
        self.groups: list[Group] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="conn-columns"):
            with Vertical(id="conn-left", classes="svc-box") as box:
                box.border_title = L.SVC_TAB_CONNECTORS
                yield ConnectorList(id="conn-list")
                yield Static(Content.styled(L.CONN_LEGEND, "$text-muted"), id="conn-legend")
                yield Static(id="conn-count", classes="svc-count")
            # not focusable itself: Tab goes from the list straight to the access rights
            with VerticalScroll(id="conn-right", classes="svc-box", can_focus=False) as box:
                box.border_subtitle = L.CONN_HINT
                yield Static(id="conn-readonly")
                yield Static(id="conn-facts")
                yield Static(Content.styled(L.CONN_ACCESS, "bold"), id="conn-access-title")
                yield ConnectorGroupList(id="conn-groups")

    def on_mount(self) -> None:
        self.refresh_data()

    # ---- data

    def refresh_data(self) -> None:
        try:
            self.connectors = apps.structure_connectors(self.session)
        except ServiceError as error:
            self.connectors = []
            self.query_one("#conn-count", Static).update(Content(error.message))
            return
        listing = self.query_one("#conn-list", ConnectorList)
        wanted = self.highlight_next or (self.current.id if self.current else None)
        self.highlight_next = None
        fallback = listing.highlighted
        listing.set_options(Option(connector_prompt(c), id=c.id) for c in self.connectors)
        select_option(listing, wanted, fallback)
        count = L.CONN_COUNT.format(count=len(self.connectors)) if self.connectors else L.CONN_NONE
        self.query_one("#conn-count", Static).update(Content(count))
        self._show_current()

    def _show_current(self) -> None:
        listing = self.query_one("#conn-list", ConnectorList)
        index = listing.highlighted
        self.current = self.connectors[index] if index is not None and index < len(self.connectors) else None
        right = self.query_one("#conn-right")
        readonly = self.query_one("#conn-readonly", Static)
        groups = self.query_one("#conn-groups", ConnectorGroupList)
        connector = self.current
        if connector is None:
            right.border_title = ""
            readonly.display = False
            self.query_one("#conn-facts", Static).update("")
            groups.clear_options()
            self.groups = []
            return
        right.border_title = connector.display_name
        reason = apps.read_only_reason(connector)
        readonly.update(Content(reason or ""))
        readonly.display = reason is not None
        self.query_one("#conn-facts", Static).update(connector_facts(connector))
        self.groups = apps.connector_groups(self.session, connector)
        wanted = groups.highlighted_option.id if groups.highlighted_option else None
        fallback = groups.highlighted
        if self.groups:
            groups.set_options(Option(group_prompt(g), id=g.id) for g in self.groups)
        else:
            empty = Content.styled(L.CONN_NO_GROUP, "italic $text-muted")
            groups.set_options([Option(empty, id="none", disabled=True)])
        select_option(groups, wanted, fallback)

    @on(OptionList.OptionHighlighted, "#conn-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.current is None or self.current.id != event.option_id:
            self.query_one("#conn-groups", ConnectorGroupList).highlighted = None
            self._show_current()

    @on(OptionList.OptionSelected, "#conn-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.edit()

    def focus_main(self) -> None:
        self.query_one("#conn-list", ConnectorList).focus()

    # ---- actions

    def _editable(self) -> Connector | None:
        """The highlighted connector if it may be changed; else say why not."""
        connector = self.current
        if connector is None:
            self.app.bell()
            return None
        reason = apps.read_only_reason(connector)
        if reason:
            self.notify(reason, severity="warning", markup=False)
            return None
        return connector

    def action_new(self) -> None:
        form = ConnectorForm(L.CONN_FORM_CREATE, ConnectorFields(), partial(apps.create_connector, self.session))
        self.app.push_screen(form, self._form_done)

    def edit(self) -> None:
        connector = self._editable()
        if connector is None:
            return
        form = ConnectorForm(
            L.CONN_FORM_EDIT.format(name=connector.display_name),
            ConnectorFields.of(connector),
            partial(apps.update_connector, self.session, connector.id),
        )
        self.app.push_screen(form, self._form_done)

    def _form_done(self, result: ActionResult | None) -> None:
        if result is None:
            return
        self.notify(result.message, markup=False)
        self.highlight_next = result.target_id  # the connector created or changed
        self.after_action()
        self.focus_main()

    @on(ActionPane.Act)
    def _act(self, event: ActionPane.Act) -> None:
        event.stop()
        connector = self._editable()
        if connector is None:
            return
        if event.verb == "grant":
            self._grant(connector)
        elif event.verb == "delete":
            self._delete(connector)
        elif event.verb == "withdraw":
            self._withdraw(connector)

    def _grant(self, connector: Connector) -> None:
        try:
            offered = [g for g in apps.pickable_groups(self.session) if g.id not in connector.groups]
        except ServiceError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        picker = GroupPicker(L.CONN_PICKER_TITLE.format(name=connector.display_name), offered)

        def picked(group_ids: list[str] | None) -> None:
            if group_ids:
                self.run_action(apps.grant_connector, connector.id, group_ids)

        self.app.push_screen(picker, picked)

    def _delete(self, connector: Connector) -> None:
        text = L.CONN_CONFIRM_DELETE.format(
            name=connector.display_name, identifier=connector.identifier, count=len(self.groups)
        )
        confirm = ConfirmScreen(L.CONN_CONFIRM_DELETE_TITLE, text, confirm_label=L.KEY_CONN_DELETE)

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.current = None
                self.run_action(apps.delete_connector, connector.id)

        self.app.push_screen(confirm, confirmed)

    def _withdraw(self, connector: Connector) -> None:
        option = self.query_one("#conn-groups", ConnectorGroupList).highlighted_option
        group = next((g for g in self.groups if option is not None and g.id == option.id), None)
        if group is None:
            self.notify(L.APP_PICK_GROUP, severity="warning", markup=False)
            return
        text = L.CONN_CONFIRM_WITHDRAW.format(group=group.name, name=connector.display_name)
        confirm = ConfirmScreen(L.CONN_CONFIRM_WITHDRAW_TITLE, text, confirm_label=L.KEY_SVC_REMOVE_GROUP)

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.run_action(apps.withdraw_connector, connector.id, [group.id])

        self.app.push_screen(confirm, confirmed)
