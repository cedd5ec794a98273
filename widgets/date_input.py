"""A date field: Textual has no date picker, so an Input reading dd/mm/yyyy or yyyy-mm-dd."""

from __future__ import annotations

from datetime import date

from textual.validation import ValidationResult, Validator
from textual.widgets import Input

from entconsole import labels as L
from entconsole.fmt import format_date, parse_date


class DateValidator(Validator):
    def validate(self, value: str) -> ValidationResult:
        if not value.strip() or parse_date(value) is not None:
            return self.success()
        return self.failure(L.FLASH_ERR_DATE_FORMAT)


class DateInput(Input):
    """Shows dd/mm/yyyy; `.date` is the day typed, or None."""

    DEFAULT_CSS = """
    DateInput {
        width: 14;
    }
    """

    def __init__(self, value: date | str | None = None, *, id: str | None = None) -> None:
        text = format_date(value) if isinstance(value, date) else (value or "")
        super().__init__(
            text,
            placeholder=L.FLASH_DATE_PLACEHOLDER,
            validators=[DateValidator()],
            restrict=r"[0-9/.\-]*",
            max_length=10,
            compact=True,
            id=id,
        )

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.cursor_blink = False  # stable snapshots

    @property
    def date(self) -> date | None:
        return parse_date(self.value)
