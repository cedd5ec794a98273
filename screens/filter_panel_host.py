"""The `f` key of a users list with a filters panel beside it (Utilisateurs, a group's members).

Mixed into the widget or screen that holds the `FilterPanel`: it opens the
panel on the current filters (the categories focused) and closes it back to
the list. The host styles itself with the class ``-filters-open`` meanwhile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from entconsole.services.errors import ServiceError
from entconsole.services.user_list import Facet, FilterState
from entconsole.widgets.filter_panel import FilterPanel

if TYPE_CHECKING:
    from textual.widget import Widget


class FilterPanelHost:
    """Hosts have `state` and say which categories to offer and which list the panel serves."""

    state: FilterState

    def offered_facets(self) -> list[Facet]:
        """The categories and values the panel offers (may raise ServiceError)."""
        raise NotImplementedError

    def filtered_list(self) -> Widget:
        """The list the filters apply to: it has the focus back when the panel closes."""
        raise NotImplementedError

    def panel_toggled(self, opened: bool) -> None:
        """After the panel opened or closed: the keys offered change with it."""
        self.screen.refresh_bindings()  # type: ignore[attr-defined]

    @property
    def panel(self) -> FilterPanel:
        return self.query_one(FilterPanel)  # type: ignore[attr-defined]

    @property
    def panel_open(self) -> bool:
        return self.panel.is_open

    def action_filters(self) -> None:
        if self.panel_open:
            self._close_panel()
            return
        try:
            facets = self.offered_facets()
        except ServiceError as error:
            self.notify(error.message, severity="error", markup=False)  # type: ignore[attr-defined]
            return
        self.panel.open(self.state, facets)
        self.add_class("-filters-open")  # type: ignore[attr-defined]
        self.panel_toggled(True)

    def _close_panel(self, *, focus_list: bool = True) -> None:
        if self.panel_open:
            self.panel.close()
            self.remove_class("-filters-open")  # type: ignore[attr-defined]
            if focus_list:
                self.filtered_list().focus()
            self.panel_toggled(False)
