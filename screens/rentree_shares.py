"""Partages: the school's shares, what the year change purges and keeps; "share by name" for a class share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from entconsole import labels as L
from entconsole.services.errors import ServiceError
from entconsole.services.rentree_shares import ShareView, share_to_members, structure_shares
from entconsole.store import StoreError
from entconsole.screens.checks import while_composed

if TYPE_CHECKING:
    from entconsole.services.session import Session


KEPT_SHOWN = 6  # a class share made nominative has one grant per pupil and parent


def share_prompt(view: ShareView) -> Content:
    share = view.share
    lines = [Content.assemble((L.RT_SHARE_LINE.format(resource=share.resource_name, type=share.resource_type,
                                                     owner=view.owner), "bold"))]
    shown = list(view.purged) + list(view.kept[:KEPT_SHOWN])
    for grant in shown:
        mark, style = (L.RT_SHARE_PURGED, "$text-error") if grant.purged else (L.RT_SHARE_KEPT, "$text-success")
        lines.append(Content.assemble(
            "    ", (mark.ljust(7), style), " ",
            Content(grant.name), (f"  ({L.RT_SHARE_KIND[grant.kind]}) · {grant.rights_text}", "dim"),
        ))
    if len(view.kept) > KEPT_SHOWN:
        lines.append(Content.styled("    " + L.RT_AND_MORE.format(count=len(view.kept) - KEPT_SHOWN), "dim"))
    return Content("\n").join(lines)


class SharesScreen(Screen[None]):
    CSS_PATH = "rentree.tcss"
    BINDINGS = [
        Binding("escape", "back", L.RT_KEY_BACK, id="rentree_shares.back"),
        Binding("n", "named", L.RT_KEY_SHARE_NAMED, id="rentree_shares.named"),
    ]

    def __init__(self, session: "Session") -> None:
        super().__init__(id="rentree-shares-screen")
        self.session = session
        self.views: list[ShareView] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="rt-body"):
            yield Static(Content.styled(L.RT_SHARES_TITLE, "bold"), id="rt-yc-title")
            shares = OptionList(id="rt-shares")
            yield shares
            yield Static(Content(L.RT_SHARES_HINT), id="rt-step-note")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one("#rt-shares", OptionList).focus()

    def refresh_data(self) -> None:
        shares = self.query_one("#rt-shares", OptionList)
        try:
            self.views = structure_shares(self.session)
        except (ServiceError, StoreError) as error:
            self.notify(error.message, severity="error", markup=False)
            return
        highlighted = shares.highlighted
        shares.set_options(Option(share_prompt(v), id=v.share.id) for v in self.views)
        if self.views:
            shares.highlighted = min(highlighted or 0, len(self.views) - 1)
        else:
            shares.set_options([Option(L.RT_SHARES_NONE, disabled=True)])
        self.refresh_bindings()

    def _current(self) -> ShareView | None:
        shares = self.query_one("#rt-shares", OptionList)
        if not self.views or shares.highlighted is None:
            return None
        return self.views[shares.highlighted]

    @while_composed
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "named":
            view = self._current() if self.is_mounted else None
            return None if view is None or not view.purged else True
        return True

    @on(OptionList.OptionHighlighted, "#rt-shares")
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.refresh_bindings()

    def action_named(self) -> None:
        from entconsole.screens.confirm import ConfirmScreen

        view = self._current()
        if view is None or not view.purged:
            self.app.bell()
            return
        text = L.RT_CONFIRM_SHARE_NAMED.format(name=view.share.resource_name,
                                               groups=", ".join(g.name for g in view.purged))

        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                result = share_to_members(self.session, view.share.id)
            except (ServiceError, StoreError) as error:
                self.notify(error.message, severity="error", markup=False)
            else:
                self.notify(result.message, markup=False)
            self.refresh_data()

        self.app.push_screen(ConfirmScreen(L.RT_KEY_SHARE_NAMED, text, confirm_label=L.RT_KEY_SHARE_NAMED), done)

    def action_back(self) -> None:
        self.dismiss(None)
