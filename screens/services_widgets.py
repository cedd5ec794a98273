"""Services › Widgets: the groups that have each widget, and pinning on the home page."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Checkbox, Static
from textual.widgets.option_list import Option

from entconsole import labels as L
from entconsole.screens.action_pane import ActionPane, GroupRightsList, PaneList, select_option
from entconsole.screens.confirm import ConfirmScreen
from entconsole.screens.master_detail_pane import MasterDetailPane
from entconsole.services import apps
from entconsole.services.apps import WidgetView
from entconsole.services.errors import ServiceError
from entconsole.widgets.group_picker import GroupPicker, group_prompt


def widget_prompt(view: WidgetView, name_width: int = 0) -> Content:
    """"◆ Dernières actualités  4 groupe(s)" (◆: pinned in this structure)."""
    return Content.assemble(
        (L.WDG_PINNED_ICON, "bold $text-warning") if view.pinned else " ",
        " ",
        Content(view.widget.display_name.ljust(name_width)),
        "  ",
        (L.APP_ROLE_COUNT.format(count=len(view.groups)), "dim"),
    )


class WidgetList(PaneList):
    BINDINGS = [
        Binding("a", "act('grant')", L.KEY_SVC_ADD_GROUPS, id="widgets.grant"),
    ]


class WidgetGroupList(GroupRightsList):
    """The groups the widget is given to."""


class WidgetsPane(MasterDetailPane):
    BINDINGS = [
        Binding("p", "toggle_pin", L.KEY_WDG_PIN, id="widgets.pin"),
    ]

    MASTER_ID = "wdg-list"
    DETAIL_ID = "wdg-groups"
    items: list[WidgetView]
    current: WidgetView | None

    def compose(self) -> ComposeResult:
        with Horizontal(id="wdg-columns"):
            with Vertical(id="wdg-left", classes="svc-box") as box:
                box.border_title = L.SVC_TAB_WIDGETS
                yield WidgetList(id="wdg-list")
                yield Static(Content.styled(L.WDG_LEGEND, "$text-muted"), id="wdg-legend")
                yield Static(id="wdg-count", classes="svc-count")
            with Vertical(id="wdg-right", classes="svc-box") as box:
                box.border_subtitle = L.WDG_HINT
                yield Checkbox(Content(L.WDG_PIN), id="wdg-pin", compact=True)
                yield Static(Content.styled(L.WDG_GROUPS, "bold"), id="wdg-groups-title")
                yield WidgetGroupList(id="wdg-groups")

    def on_mount(self) -> None:
        self.refresh_data()

    # ---- data

    def refresh_data(self) -> None:
        try:
            self.items = apps.widgets(self.session)
        except ServiceError as error:
            self.items = []
            self.query_one("#wdg-count", Static).update(Content(error.message))
            return
        listing = self.query_one("#wdg-list", WidgetList)
        wanted = self.current.widget.id if self.current else None
        fallback = listing.highlighted
        width = max((len(v.widget.display_name) for v in self.items), default=0)
        listing.set_options(Option(widget_prompt(v, width), id=v.widget.id) for v in self.items)
        select_option(listing, wanted, fallback)
        self.query_one("#wdg-count", Static).update(Content(L.WDG_COUNT.format(count=len(self.items))))
        self.pick_current()

    def item_id(self, item: WidgetView) -> str:
        return item.widget.id

    def show_current(self) -> None:
        right = self.query_one("#wdg-right")
        pin = self.query_one("#wdg-pin", Checkbox)
        groups = self.query_one("#wdg-groups", WidgetGroupList)
        view = self.current
        right.border_title = view.widget.display_name if view else ""
        pin.disabled = view is None
        with pin.prevent(Checkbox.Changed):
            pin.value = bool(view and view.pinned)
        wanted = groups.highlighted_option.id if groups.highlighted_option else None
        fallback = groups.highlighted
        if view is not None and view.groups:
            groups.set_options(Option(group_prompt(g), id=g.id) for g in view.groups)
        else:
            empty = Content.styled(L.WDG_NO_GROUP, "italic $text-muted")
            groups.set_options([Option(empty, id="none", disabled=True)] if view else [])
        select_option(groups, wanted, fallback)

    # ---- actions

    def action_toggle_pin(self) -> None:
        if self.current is None:
            self.app.bell()
            return
        self.run_action(apps.set_widget_pinned, self.current.widget.id, not self.current.pinned)

    @on(Checkbox.Changed, "#wdg-pin")
    def _pin_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if self.current is not None and event.value != self.current.pinned:
            self.run_action(apps.set_widget_pinned, self.current.widget.id, event.value)

    @on(ActionPane.Act)
    def _act(self, event: ActionPane.Act) -> None:
        event.stop()
        view = self.current
        if view is None:
            self.app.bell()
            return
        if event.verb == "grant":
            offered = self.groups_to_offer({g.id for g in view.groups})
            if offered is None:
                return
            widget_id = view.widget.id

            def picked(group_ids: list[str] | None) -> None:
                if group_ids:
                    self.run_action(apps.grant_widget, widget_id, group_ids)

            self.app.push_screen(GroupPicker(L.WDG_PICKER_TITLE.format(name=view.widget.display_name), offered), picked)
            return
        option = self.query_one("#wdg-groups", WidgetGroupList).highlighted_option
        group = next((g for g in view.groups if option is not None and g.id == option.id), None)
        if group is None:
            self.notify(L.APP_PICK_GROUP, severity="warning", markup=False)
            return
        text = L.WDG_CONFIRM_WITHDRAW.format(name=view.widget.display_name, group=group.name)

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.run_action(apps.withdraw_widget, view.widget.id, [group.id])

        self.app.push_screen(
            ConfirmScreen(L.WDG_CONFIRM_WITHDRAW_TITLE, text, confirm_label=L.KEY_SVC_REMOVE_GROUP), confirmed
        )
