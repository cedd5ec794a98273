"""The filters panel of the users list (key `f`), as in the real console.

Top: "Filtres sélectionnés", every ticked value, each removable on its own
(Entrée or Suppr). Below, two columns: the categories that have values for
this structure (with how many values are ticked), and the values of the
highlighted category: a multi-select list (Espace ticks), a search box for
Classes and Groupes manuels, two dates for Date de création, and
"Désélectionner tout".

The panel owns no query: each change posts :class:`FilterPanel.Changed`
with the new :class:`~entconsole.services.user_list.FilterState`; the screen
runs the query. Its look travels with it (DEFAULT_CSS); a screen sets only
its place (width, margins) and opens it with the class ``-open``. Screens
that offer fewer filters (the group members picker) pass ``hidden`` and
their own ``empty_text``.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from entconsole import labels as L
from entconsole.services.accounts import parse_date
from entconsole.services.user_list import BEFORE, SINCE, Category, Chip, Facet, FilterState, selected_chips
from entconsole.widgets.inputs import SearchInput

CATEGORY_WIDTH = 30


class FilterChips(OptionList):
    """The ticked values; Entrée or Suppr removes the highlighted one."""

    BINDINGS = [
        Binding("delete,backspace", "remove", L.KEY_FILTER_REMOVE, id="users.filters.remove_chip"),
    ]

    class Removed(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def action_remove(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Removed(self.highlighted))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Removed(event.option_index))


class FilterCategories(OptionList):
    """The categories; Entrée or → goes to the values of the highlighted one."""

    BINDINGS = [
        Binding("right", "open", L.KEY_FILTER_OPEN, id="users.filters.open_category", show=False),
    ]

    class Opened(Message):
        pass

    def action_open(self) -> None:
        self.post_message(self.Opened())

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Opened())


class FilterValues(SelectionList[str]):
    """The values of one category; Espace ticks, ← goes back to the categories."""

    BINDINGS = [
        Binding("left", "back", L.KEY_FILTER_BACK, id="users.filters.back", show=False),
    ]

    class Back(Message):
        pass

    def action_back(self) -> None:
        self.post_message(self.Back())


class FilterPanel(Vertical):
    """Every filter category of DOMAIN.md section 7, multi-select."""

    DEFAULT_CSS = """
    FilterPanel {
        display: none;
        height: 1fr;
        margin-left: 1;
        border: round $foreground 20%;
        border-title-color: $text;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        padding: 0 1;
        &.-open {
            display: block;
        }
        &:focus-within {
            border: round $border;
        }
        .filter-heading {
            height: 1;
            color: $text-secondary;
        }
        #filter-chips {
            height: auto;
            max-height: 6;
            border: none;
            padding: 0;
            background: transparent;
        }
        #filter-chips-empty {
            height: auto;
            color: $text-muted;
        }
        #filter-columns {
            height: 1fr;
            margin-top: 1;
        }
        #filter-categories {
            width: 32;
            height: 1fr;
            border: none;
            padding: 0;
            background: transparent;
            border-right: vkey $foreground 20%;
        }
        #filter-values-box {
            width: 1fr;
            height: 1fr;
            padding-left: 1;
        }
        #filter-values-title {
            height: 1;
            color: $text-secondary;
        }
        #filter-search {
            margin: 0 0 1 0;
            background: $boost;
        }
        #filter-values {
            height: auto;
            max-height: 1fr;
            border: none;
            padding: 0;
            background: transparent;
        }
        #filter-no-match {
            height: auto;
            color: $text-muted;
        }
        #filter-dates {
            height: auto;
        }
        .filter-date-label {
            height: 1;
        }
        #filter-before, #filter-since {
            background: $boost;
            width: 16;
        }
        .filter-date-error {
            height: auto;
            margin-bottom: 1;
        }
        #filter-note {
            height: auto;
            color: $text-muted;
            margin-top: 1;
        }
        #filter-clear {
            margin-top: 1;
        }
    }
    """

    BINDINGS = [
        Binding("x", "clear_category", L.KEY_FILTER_CLEAR, id="users.filters.clear"),
        Binding("down", "to_values", L.KEY_FILTER_OPEN, id="users.filters.to_values", show=False),
    ]

    class Changed(Message):
        def __init__(self, state: FilterState, panel: "FilterPanel | None" = None) -> None:
            super().__init__()
            self.state = state
            self.panel = panel

        @property
        def control(self) -> "FilterPanel | None":
            return self.panel

    def __init__(
        self,
        state: FilterState,
        *,
        empty_text: str = L.FILTER_NONE_SELECTED,
        hidden: Iterable[Category] = (),
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.state = state
        self.empty_text = empty_text  # shown when nothing is ticked
        self.hidden = frozenset(hidden)  # categories this screen does not offer
        self.facets: list[Facet] = []
        self.category: Category | None = None
        self._chips: list[Chip] = []
        self._searches: dict[Category, str] = {}
        self._shown_keys: list[str] = []

    def compose(self) -> ComposeResult:
        self.border_title = L.FILTER_TITLE
        self.border_subtitle = L.FILTER_HINT
        yield Static(Content.styled(L.FILTER_SELECTED, "bold"), classes="filter-heading")
        yield FilterChips(id="filter-chips")
        yield Static(Content(self.empty_text), id="filter-chips-empty")
        with Horizontal(id="filter-columns"):
            yield FilterCategories(id="filter-categories")
            with Vertical(id="filter-values-box"):
                yield Static(id="filter-values-title")
                yield SearchInput(id="filter-search", compact=True)
                yield FilterValues(id="filter-values")
                yield Static(Content(L.FILTER_NO_MATCH), id="filter-no-match")
                with Vertical(id="filter-dates"):
                    yield Static(Content(L.FILTER_BEFORE), classes="filter-date-label")
                    yield SearchInput(placeholder=L.FILTER_DATE_PLACEHOLDER, id="filter-before", compact=True)
                    yield Static(classes="filter-date-error", id="filter-before-error")
                    yield Static(Content(L.FILTER_SINCE), classes="filter-date-label")
                    yield SearchInput(placeholder=L.FILTER_DATE_PLACEHOLDER, id="filter-since", compact=True)
                    yield Static(classes="filter-date-error", id="filter-since-error")
                yield Static(id="filter-note")
                yield Button(L.KEY_FILTER_CLEAR, id="filter-clear", compact=True)

    # ---- opening

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(self, state: FilterState, facets: list[Facet]) -> None:
        """Show the panel on `state` with the categories of `facets`, the focus on the categories."""
        self.add_class("-open")
        self.set_state(state)
        self.set_facets(facets)
        self.focus_categories()

    def close(self) -> None:
        self.remove_class("-open")

    # ---- filling

    def set_facets(self, facets: list[Facet]) -> None:
        """The categories offered (computed by the screen from the store), minus the hidden ones."""
        facets = [f for f in facets if f.category not in self.hidden]
        self.facets = facets
        categories = self.query_one(FilterCategories)
        highlighted = self.category
        categories.set_options(Option(self._category_prompt(f), id=f.category.value) for f in facets)
        keep = next((n for n, f in enumerate(facets) if f.category is highlighted), 0)
        if facets:
            categories.highlighted = keep
            self._show_category(facets[keep].category)
        self._fill_chips()

    def set_state(self, state: FilterState) -> None:
        """A state chosen outside the panel (e.g. "utilisateurs bloqués")."""
        self.state = state
        self._after_change(post=False)

    def _facet(self, category: Category | None) -> Facet | None:
        return next((f for f in self.facets if f.category is category), None)

    def _category_prompt(self, facet: Facet) -> Content:
        count = self.state.count(facet.category)
        title = Content(facet.title).truncate(CATEGORY_WIDTH - 5, ellipsis=True, pad=True)
        badge = Content.styled(f"{count:>3}", "bold $text-accent") if count else Content("   ")
        return Content.assemble(title, " ", badge)

    def _fill_chips(self) -> None:
        self._chips = selected_chips(self.state, self.facets)
        chips = self.query_one(FilterChips)
        highlighted = chips.highlighted
        chips.set_options(
            Option(Content.assemble(Content(chip.label), "  ", (L.FILTER_CHIP_REMOVE, "$text-error")))
            for chip in self._chips
        )
        if self._chips:
            chips.highlighted = min(highlighted or 0, len(self._chips) - 1)
        chips.display = bool(self._chips)
        self.query_one("#filter-chips-empty").display = not self._chips

    def _refresh_category_prompts(self) -> None:
        categories = self.query_one(FilterCategories)
        for index, facet in enumerate(self.facets):
            categories.replace_option_prompt_at_index(index, self._category_prompt(facet))

    def _show_category(self, category: Category) -> None:
        facet = self._facet(category)
        if facet is None:
            return
        self.category = category
        self.query_one("#filter-values-title", Static).update(Content.styled(facet.title, "bold"))
        search = self.query_one("#filter-search", Input)
        search.display = facet.searchable
        if facet.searchable:
            search.placeholder = L.FILTER_SEARCH[category.value]
            with search.prevent(Input.Changed):
                search.value = self._searches.get(category, "")
        dates = category is Category.CREATED
        self.query_one("#filter-dates").display = dates
        self.query_one(FilterValues).display = not dates
        if dates:
            self._fill_dates()
            self.query_one("#filter-no-match").display = False
        else:
            self._fill_values()
        note = {
            Category.PREDELETION: L.FILTER_PREDELETION_NOTE,
            Category.DETACHED: L.FILTER_DETACHED_NOTE,
        }.get(category, "")
        note_widget = self.query_one("#filter-note", Static)
        note_widget.update(Content(note))
        note_widget.display = bool(note)

    def _fill_values(self) -> None:
        facet = self._facet(self.category)
        values_list = self.query_one(FilterValues)
        if facet is None:
            return
        shown = facet.matching(self._searches.get(facet.category, "")) if facet.searchable else facet.values
        ticked = self.state.values(facet.category)
        highlighted = values_list.highlighted
        keys = [v.key for v in shown]
        with values_list.prevent(SelectionList.SelectedChanged, SelectionList.SelectionToggled):
            values_list.clear_options()
            values_list.add_options(Selection(Content(v.label), v.key, v.key in ticked) for v in shown)
        if keys:
            same = keys == self._shown_keys
            values_list.highlighted = min(highlighted or 0, len(keys) - 1) if same else 0
        self._shown_keys = keys
        self.query_one("#filter-no-match").display = not shown

    def _fill_dates(self) -> None:
        for kind, input_id in ((BEFORE, "#filter-before"), (SINCE, "#filter-since")):
            field = self.query_one(input_id, Input)
            day = self.state.date(kind)
            current = parse_or_none(field.value)
            if current != day:  # leave a half-typed or invalid text alone
                with field.prevent(Input.Changed):
                    field.value = day.strftime("%d/%m/%Y") if day else ""
            if day is not None or not field.value:
                self.query_one(f"{input_id}-error", Static).update("")

    def _after_change(self, *, post: bool = True) -> None:
        self._fill_chips()
        self._refresh_category_prompts()
        if self.category is Category.CREATED:
            self._fill_dates()
        elif self.category is not None:
            self._fill_values()
        if post:
            self.post_message(self.Changed(self.state, self))

    def _change(self, state: FilterState) -> None:
        if state != self.state:
            self.state = state
            self._after_change()

    # ---- focus

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "to_values":
            return self.is_mounted and self.query_one("#filter-search", Input).has_focus
        return True

    def action_to_values(self) -> None:
        self.query_one(FilterValues).focus()

    def focus_categories(self) -> None:
        self.query_one(FilterCategories).focus()

    def _open_category(self) -> None:
        facet = self._facet(self.category)
        if facet is None:
            return
        if facet.category is Category.CREATED:
            self.query_one("#filter-before", Input).focus()
        elif facet.searchable:
            self.query_one("#filter-search", Input).focus()
        else:
            self.query_one(FilterValues).focus()

    # ---- events

    @on(OptionList.OptionHighlighted, "#filter-categories")
    def _category_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_id:
            self._show_category(Category(event.option_id))

    @on(FilterCategories.Opened)
    def _category_opened(self, event: FilterCategories.Opened) -> None:
        event.stop()
        self._open_category()

    @on(FilterValues.Back)
    def _values_back(self, event: FilterValues.Back) -> None:
        event.stop()
        self.focus_categories()

    @on(SelectionList.SelectionToggled, "#filter-values")
    def _toggled(self, event: SelectionList.SelectionToggled) -> None:
        event.stop()
        if self.category is not None:
            self._change(self.state.toggle(self.category, event.selection.value))

    @on(SelectionList.SelectedChanged, "#filter-values")
    def _selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()

    @on(FilterChips.Removed)
    def _chip_removed(self, event: FilterChips.Removed) -> None:
        event.stop()
        if 0 <= event.index < len(self._chips):
            chip = self._chips[event.index]
            self._change(self.state.remove(chip.category, chip.key))
            if not self._chips:
                self.focus_categories()

    @on(Input.Changed, "#filter-search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.category is not None:
            self._searches[self.category] = event.value
            self._fill_values()

    @on(Input.Submitted, "#filter-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(FilterValues).focus()

    @on(Input.Changed, "#filter-before")
    @on(Input.Changed, "#filter-since")
    def _date_changed(self, event: Input.Changed) -> None:
        event.stop()
        kind = BEFORE if event.input.id == "filter-before" else SINCE
        error = self.query_one(f"#{event.input.id}-error", Static)
        text = event.value.strip()
        if not text:
            error.update("")
            self._change(self.state.with_date(kind, None))
            return
        day = parse_or_none(text)
        if day is None:
            error.update(Content.styled(L.FILTER_DATE_INVALID, "$text-error"))
            return
        error.update("")
        self._change(self.state.with_date(kind, day))

    @on(Input.Submitted, "#filter-before")
    @on(Input.Submitted, "#filter-since")
    def _date_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_categories()

    @on(Button.Pressed, "#filter-clear")
    def _clear_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_clear_category()

    def action_clear_category(self) -> None:
        """"Désélectionner tout" for the category shown."""
        if self.category is None:
            return
        self._change(self.state.clear(self.category))
        if self.category is Category.CREATED:
            for input_id in ("#filter-before", "#filter-since"):
                field = self.query_one(input_id, Input)
                with field.prevent(Input.Changed):
                    field.value = ""
                self.query_one(f"{input_id}-error", Static).update("")


def parse_or_none(text: str):
    if not text.strip():
        return None
    try:
        return parse_date(text)
    except ValueError:
        return None
