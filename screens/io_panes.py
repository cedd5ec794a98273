"""What the Imports / Exports tabs share: labelled rows, the export filters, writing files with confirmation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Select, Static

from entconsole import labels as L
from entconsole.models import Profile, SchoolClass
from entconsole.screens.confirm import ConfirmScreen
from entconsole.screens.pane import EstablishmentPane
from entconsole.services.errors import ServiceError
from entconsole.services.exports import ExportFilter, FileExists, save_file
from entconsole.text import fold

SECTION_ID = "imports"
ALL = "__all__"
LABEL_WIDTH = 24


def _row(label: str, widget, row_id: str | None = None) -> Horizontal:
    return Horizontal(Static(Content.styled(label.ljust(LABEL_WIDTH), "$text-secondary"), classes="ie-label"),
                      widget, classes="ie-row", id=row_id)


class FilterFields:
    """Classe / Profil / Activation selects shared by the export and the sheets tabs."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    @staticmethod
    def class_options(session) -> list[tuple[Text, str]]:
        classes = sorted(session.store.find(SchoolClass, "structure", session.structure.id), key=lambda c: fold(c.name))
        return [(Text(L.IE_ALL_CLASSES), ALL), *((Text(c.name), c.id) for c in classes)]

    def refresh_classes(self, pane) -> None:
        """Classes created since (an import, a feed, another session) join the list."""
        select = pane.query_one(f"#{self.prefix}-class", Select)
        options = self.class_options(pane.session)
        values = [v for _, v in options]
        if values == getattr(select, "shown_values", None):
            return
        select.shown_values = values
        current = select.value
        with select.prevent(Select.Changed):
            select.set_options(options)
            select.value = current if any(v == current for _, v in options) else ALL

    def widgets(self, session) -> list[Horizontal]:
        p = self.prefix
        return [
            _row(L.IE_CLASS, Select(self.class_options(session), value=ALL, allow_blank=False, compact=True,
                                    id=f"{p}-class")),
            _row(L.IE_PROFILE, Select([(Text(L.IE_ALL_PROFILES), ALL),
                                       *((Text(L.PROFILE[x.value]), x.value) for x in Profile)],
                                      value=ALL, allow_blank=False, compact=True, id=f"{p}-profile")),
            _row(L.IE_ACTIVATION, Select([(Text(t), v) for v, t in L.IE_ACTIVATION_CHOICES],
                                         value=ALL, allow_blank=False, compact=True, id=f"{p}-activation")),
        ]

    def value(self, pane) -> ExportFilter:
        p = self.prefix
        klass = pane.query_one(f"#{p}-class", Select).value
        profile = pane.query_one(f"#{p}-profile", Select).value
        activation = pane.query_one(f"#{p}-activation", Select).value
        return ExportFilter(
            class_id=None if klass == ALL else str(klass),
            profile=None if profile == ALL else Profile(profile),
            activated={"yes": True, "no": False}.get(str(activation)),
        )


class FilePane(EstablishmentPane):
    """A tab that writes files: asks before replacing one."""

    def write_file(self, path: Path, data: bytes, after: Callable[[Path], None]) -> None:
        try:
            after(save_file(path, data))
        except FileExists as exists:
            def answered(yes: bool | None) -> None:
                if not yes:
                    return
                try:
                    after(save_file(path, data, overwrite=True))
                except ServiceError as error:
                    self.failed(error)

            self.app.push_screen(ConfirmScreen(L.IE_REPLACE_TITLE, exists.message, confirm_label=L.IE_REPLACE),
                                 answered)
        except ServiceError as error:
            self.failed(error)

    def said(self, widget_id: str, text: str) -> None:
        self.query_one(widget_id, Static).update(Content(text))
        self.notify(text, markup=False)

    @property
    def section_on_screen(self) -> bool:
        """Counts query every account: computed only while the section is shown."""
        return getattr(self.screen, "current_section", None) == SECTION_ID
