"""The flash message form: every field of DOMAIN.md, errors beside the fields, live preview.

Dismisses with the service's ActionResult once the message is online, or
None when cancelled. Every rule comes from services.flash (the same checks
run again in the service when publishing).
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Input,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.selection_list import Selection

from entconsole import labels as L
from entconsole.models import FlashMessage
from entconsole.screens.confirm import ConfirmScreen
from entconsole.services.errors import ServiceError
from entconsole.services.flash import (
    COLORS,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    TARGETS,
    FlashDraft,
    FlashValidationError,
    create_message,
    draft_from_message,
    duplicate_draft,
    live_warning,
    notification_allowed,
    target_label,
    update_message,
    validate_draft,
)
from entconsole.services.results import ActionResult
from entconsole.store import StoreError
from entconsole.widgets.form_scroll import FormScroll
from entconsole.widgets.date_input import DateInput
from entconsole.widgets.flash_banner import FlashBanner, color_swatch

FIELDS = ("title", "start", "end", "profiles", "contents", "notification")
# the widget to focus when a field is refused
FIELD_WIDGET = {
    "title": "#flash-title",
    "start": "#flash-start",
    "end": "#flash-end",
    "profiles": "#flash-profiles",
    "contents": "#flash-text",
    "notification": "#flash-mail",
}


class ColorChoice(RadioSet):
    """The five banner colours; the keyboard cursor starts on the chosen one (Textual starts on the first)."""

    def on_mount(self) -> None:
        self.call_after_refresh(self._start_on_pressed)  # after RadioSet's own mount handler

    def _start_on_pressed(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index  # textual==8.2.8: RadioSet's cursor


class FlashFormScreen(ModalScreen[ActionResult | None]):
    CSS_PATH = "flash_form.tcss"
    BINDINGS = [
        Binding("escape", "cancel", L.FLASH_CANCEL, id="flash_form.cancel"),
        Binding("ctrl+s", "publish", L.KEY_FLASH_PUBLISH, id="flash_form.publish", priority=True),
    ]

    def __init__(
        self, session, message: FlashMessage | None = None, mode: str | None = None, draft: FlashDraft | None = None
    ) -> None:
        """`mode`: None to create, "edit" or "duplicate" with `message`.

        `draft` prefills a new message (the rentrée checklist's step 8); it is
        saved only by the form's own "Mettre en ligne".
        """
        super().__init__()
        self.session = session
        today = session.today
        self.editing = message if mode == "edit" else None
        if message is None:
            self.initial = draft if draft is not None else FlashDraft(start=today)
            self.heading = L.FLASH_FORM_CREATE
        elif mode == "edit":
            self.initial = draft_from_message(message)
            self.heading = L.FLASH_FORM_EDIT
        else:
            self.initial = duplicate_draft(message, today)
            self.heading = L.FLASH_FORM_DUPLICATE
        self.structures_count = len(self.editing.structures) if self.editing else 1
        self.contents: dict[str, str] = dict(self.initial.contents)
        self.language = DEFAULT_LANGUAGE
        self.touched: set[str] = set()
        self.submitted = False
        self._ready = False

    # ---- building

    def compose(self) -> ComposeResult:
        d = self.initial
        with Vertical(id="flash-form") as box:
            box.border_title = self.heading
            box.border_subtitle = self.session.structure.name
            with Horizontal(id="flash-form-columns"):
                with FormScroll(id="flash-form-left"):
                    yield Static(L.FLASH_TITLE, classes="field-label")
                    yield Input(d.title, id="flash-title", compact=True, max_length=500)
                    yield Static(classes="field-error", id="err-title")
                    yield Static(L.FLASH_TITLE_HINT, classes="field-hint")
                    with Horizontal(id="flash-dates"):
                        with Vertical(classes="date-field"):
                            yield Static(L.FLASH_START, classes="field-label")
                            yield DateInput(d.start_date or d.start, id="flash-start")
                        with Vertical(classes="date-field"):
                            yield Static(L.FLASH_END, classes="field-label")
                            yield DateInput(d.end_date or d.end, id="flash-end")
                    yield Static(classes="field-error", id="err-start")
                    yield Static(classes="field-error", id="err-end")
                    yield Static(L.FLASH_END_HINT, classes="field-hint")
                    yield Static(L.FLASH_PROFILES, classes="field-label")
                    yield SelectionList[str](
                        *(Selection(target_label(t), t, t in d.profiles) for t in TARGETS),
                        id="flash-profiles", compact=True,
                    )
                    yield Static(classes="field-error", id="err-profiles")
                    yield Static(L.FLASH_COLOR, classes="field-label")
                    with ColorChoice(id="flash-color", compact=True):
                        for color in COLORS:
                            yield RadioButton(color_swatch(color), value=color is d.color, compact=True)
                    yield Static(L.FLASH_NOTIFICATION, classes="field-label")
                    with Horizontal(id="flash-notify"):
                        yield Checkbox(L.FLASH_NOTIFY_MAIL, self._sent("mail"), id="flash-mail", compact=True)
                        yield Checkbox(L.FLASH_NOTIFY_MOBILE, self._sent("mobile"), id="flash-mobile", compact=True)
                    yield Static(L.FLASH_NOTIFY_RULE, id="flash-notify-rule")
                    yield Static(classes="field-error", id="err-notification")
                with Vertical(id="flash-form-right"):
                    with Horizontal(id="flash-language-row"):
                        yield Static(L.FLASH_LANGUAGE, classes="field-label")
                        yield Select(
                            [(L.LANGUAGES[c], c) for c in LANGUAGES],
                            value=DEFAULT_LANGUAGE, allow_blank=False, compact=True, id="flash-language",
                        )
                        yield Static(id="flash-languages-filled")
                    yield Static(id="flash-text-label", classes="field-label")
                    yield TextArea(self.contents.get(DEFAULT_LANGUAGE, ""), id="flash-text")
                    yield Static(classes="field-error", id="err-contents")
                    yield Static(L.FLASH_PREVIEW, classes="field-label")
                    yield FlashBanner(id="flash-preview")
                    yield Static(id="flash-warning")
            with Horizontal(id="flash-form-buttons"):
                yield Button(L.FLASH_CANCEL, id="flash-cancel", compact=True)
                yield Button(L.FLASH_PUBLISH, id="flash-publish", variant="primary", compact=True)
        yield Footer()

    def _sent(self, channel: str) -> bool:
        """A notification already sent for the message being edited stays ticked."""
        message = self.editing
        if message is None:
            return False
        return message.mail_notification if channel == "mail" else message.mobile_notification

    def on_mount(self) -> None:
        if self.app.is_headless:  # stable snapshots
            for widget in self.query(Input):
                widget.cursor_blink = False
            self.query_one(TextArea).cursor_blink = False
        self.query_one("#flash-title", Input).focus()
        self._update()
        self.call_after_refresh(self._set_ready)

    def _set_ready(self) -> None:
        self._ready = True

    # ---- the draft

    def draft(self) -> FlashDraft:
        """What the form holds now (notifications already sent are not asked again)."""
        color_index = self.query_one("#flash-color", RadioSet).pressed_index
        mail = self.query_one("#flash-mail", Checkbox)
        mobile = self.query_one("#flash-mobile", Checkbox)
        return FlashDraft(
            title=self.query_one("#flash-title", Input).value,
            start=self.query_one("#flash-start", DateInput).value,
            end=self.query_one("#flash-end", DateInput).value,
            profiles=tuple(self.query_one("#flash-profiles", SelectionList).selected),
            contents=dict(self.contents),
            color=COLORS[color_index] if color_index >= 0 else self.initial.color,
            mail=mail.value and not self._sent("mail"),
            mobile=mobile.value and not self._sent("mobile"),
        )

    def errors(self, draft: FlashDraft) -> dict[str, str]:
        return validate_draft(
            draft, self.session.today, structures_count=self.structures_count, original=self.editing
        )

    def _update(self) -> None:
        """Everything that follows the fields: errors, notification switches, preview, warning."""
        self._update_notifications(self.query_one("#flash-start", DateInput).date)
        draft = self.draft()
        errors = self.errors(draft)
        for name in FIELDS:
            touched = name in self.touched or (name in ("start", "end") and {"start", "end"} & self.touched)
            shown = errors.get(name, "") if (self.submitted or touched) else ""
            widget = self.query_one(f"#err-{name}", Static)
            widget.update(Content(shown))
            widget.display = bool(shown)
        language = L.LANGUAGES[self.language]
        self.query_one("#flash-text-label", Static).update(Content(L.FLASH_MESSAGE.format(language=language)))
        filled = [L.LANGUAGES[c] for c in draft.texts]
        self.query_one("#flash-languages-filled", Static).update(
            Content.styled(" · ".join(L.FLASH_LANGUAGE_FILLED.format(language=f) for f in filled), "$text-muted")
        )
        self.query_one("#flash-preview", FlashBanner).show(self.contents.get(self.language, ""), draft.color)
        warning = live_warning(
            self.session.store, self.session.structure_id, draft, self.session.today,
            exclude_id=self.editing.id if self.editing else None,
        )
        notice = self.query_one("#flash-warning", Static)
        notice.update(Content.assemble(("⚠ ", "bold"), warning) if warning else "")
        notice.display = bool(warning)

    def _update_notifications(self, start: date | None) -> None:
        allowed = notification_allowed(start, self.structures_count, self.session.today)
        for channel in ("mail", "mobile"):
            box = self.query_one(f"#flash-{channel}", Checkbox)
            sent = self._sent(channel)
            box.disabled = sent or not allowed
            if not allowed and not sent and box.value:
                with box.prevent(Checkbox.Changed):
                    box.value = False
        self.query_one("#flash-notify-rule", Static).set_class(not allowed, "-refused")

    def _touch(self, name: str) -> None:
        if self._ready:
            self.touched.add(name)
        self._update()

    # ---- events

    @on(Input.Changed, "#flash-title")
    def _title(self, event: Input.Changed) -> None:
        self._touch("title")

    @on(Input.Changed, "#flash-start")
    def _start(self, event: Input.Changed) -> None:
        self._touch("start")

    @on(Input.Changed, "#flash-end")
    def _end(self, event: Input.Changed) -> None:
        self._touch("end")

    @on(SelectionList.SelectedChanged, "#flash-profiles")
    def _profiles(self, event: SelectionList.SelectedChanged) -> None:
        self._touch("profiles")

    @on(RadioSet.Changed, "#flash-color")
    def _color(self, event: RadioSet.Changed) -> None:
        self._update()

    @on(Checkbox.Changed)
    def _notify_changed(self, event: Checkbox.Changed) -> None:
        self._touch("notification")

    @on(Select.Changed, "#flash-language")
    def _language(self, event: Select.Changed) -> None:
        if event.value is Select.NULL or event.value == self.language:
            return
        self.language = str(event.value)
        area = self.query_one("#flash-text", TextArea)
        with area.prevent(TextArea.Changed):
            area.load_text(self.contents.get(self.language, ""))
        self._update()

    @on(TextArea.Changed, "#flash-text")
    def _text(self, event: TextArea.Changed) -> None:
        self.contents[self.language] = event.text_area.text
        self._touch("contents")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#flash-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    @on(Button.Pressed, "#flash-publish")
    def _publish_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_publish()

    # ---- actions

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_publish(self) -> None:
        self.submitted = True
        self._update()
        draft = self.draft()
        errors = self.errors(draft)
        if errors:
            self._refused(errors)
            return
        warning = live_warning(
            self.session.store, self.session.structure_id, draft, self.session.today,
            exclude_id=self.editing.id if self.editing else None,
        )
        if warning:
            self.app.push_screen(
                ConfirmScreen(
                    L.FLASH_WARN_CONFIRM_TITLE, L.FLASH_WARN_CONFIRM.format(warning=warning),
                    confirm_label=L.FLASH_PUBLISH,
                ),
                callback=lambda ok: self._publish(draft) if ok else None,
            )
            return
        self._publish(draft)

    def _refused(self, errors: dict[str, str]) -> None:
        self.notify(L.FLASH_ERR_FORM, severity="error")
        first = next(name for name in FIELDS if name in errors)
        self.query_one(FIELD_WIDGET[first]).focus()

    def _publish(self, draft: FlashDraft) -> None:
        try:
            if self.editing is None:
                result = create_message(self.session, draft)
            else:
                result = update_message(self.session, self.editing.id, draft)
        except FlashValidationError as error:
            self._refused(error.errors)
            return
        except (ServiceError, StoreError) as error:
            self.notify(error.message, severity="error", markup=False, timeout=8)
            return
        self.dismiss(result)

