"""The Textual application: the console's composition root.

``EntConsoleApp(db_path, acting_login=None, today=None)`` opens the store and
the session (``StoreError`` / ``ServiceError`` propagate to the caller, who
shows their ``.message``), then shows the structure picker when the admin has
several structures, and the main screen.

Keys are declared once, here and on the screens, with ``Binding(id=...)``:
the footer, the help screen (``?``) and the command palette (ctrl+p) are
built from them.
"""

from __future__ import annotations

import inspect
import os
from datetime import date
from functools import partial
from typing import Any, Awaitable, Callable, Iterable

from pydantic import ValidationError
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, Keymap
from textual.command import CommandPalette
from textual.screen import Screen

from entconsole import labels as L
from entconsole.clock import make_clock
from entconsole.idle_gc import IdleCollector
from entconsole.refusals import invalid_value_message
from entconsole.screens.help import HelpScreen, help_lines
from entconsole.screens.journal import JournalScreen
from entconsole.screens.main import SECTION_BY_ID, SECTIONS, MainScreen
from entconsole.screens.palette import ConsoleCommands
from entconsole.screens.picker import StructurePicker
from entconsole.services.errors import ServiceError
from entconsole.services.session import Session
from entconsole.models import User
from entconsole.store import Reloaded, Store, StoreError
from entconsole.widgets.keys import binding_label, key_label

STORE_POLL_SECONDS = 2.0  # how often the console looks for other sessions' writes
GC_CHECK_SECONDS = 0.2  # how often a full garbage collection is considered (idle_gc)
# Up to this many accounts another session's write is read at once (tens of
# ms); above, in a thread, so that the console keeps answering meanwhile.
SYNC_RELOAD_USERS = 20_000
USERS_SECTION = "users"

_SECTIONS_GROUP = Binding.Group(L.KEY_SECTIONS, compact=True)


def _section_binding(section: Any) -> Binding:
    return Binding(
        section.KEY,
        f"section('{section.SECTION_ID}')",
        section.title(),
        id=f"section.{section.SECTION_ID}",
        group=_SECTIONS_GROUP,
    )


class EntConsoleApp(App[None], inherit_bindings=False):
    TITLE = L.APP_TITLE
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    COMMANDS = {ConsoleCommands}
    BINDINGS = [
        *(_section_binding(section) for section in SECTIONS),
        Binding("e", "change_structure", L.KEY_STRUCTURE, id="app.structure"),
        Binding("j", "journal", L.JOURNALSCR_KEY_OPEN, id="app.journal", show=False),
        Binding("f5", "refresh", L.JOURNALSCR_KEY_REFRESH, id="app.refresh", show=False),
        Binding("question_mark", "help", L.KEY_HELP, id="app.help"),
        Binding("f1", "help", L.KEY_HELP, id="app.help_f1", show=False, priority=True),
        Binding(
            "ctrl+p", "command_palette", L.KEY_PALETTE, id="app.palette", show=False, priority=True
        ),
        Binding("ctrl+q", "quit", L.KEY_QUIT, id="app.quit", priority=True),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(
        self,
        db_path: str | os.PathLike[str],
        acting_login: str | None = None,
        today: date | None = None,
        notice: str | None = None,
    ) -> None:
        # Open before Textual starts, so the CLI can print the error and exit.
        # create=False: a missing file is an error, not a new empty store.
        store = Store(db_path, create=False, clock=make_clock(today))
        self.session = Session.open(store, acting_login, today or date.today())
        self.store = store
        self.keymap: Keymap = {}
        self._store_error: str | None = None
        self._reading_store = False
        self._notice = notice  # e.g. where the demo store was just created
        self._collector = IdleCollector()
        super().__init__()
        self._update_titles()

    # ---- start

    def on_mount(self) -> None:
        self.store.on_reload.append(self._store_reloaded)
        self.set_interval(STORE_POLL_SECONDS, self._poll_store)
        self._collector.start()
        self.set_interval(GC_CHECK_SECONDS, self._collector.tick)
        if self._notice:
            self.notify(self._notice, markup=False, timeout=10)
        if self.session.needs_structure_choice:
            self._open_picker(required=True)
        else:
            self.push_screen(MainScreen(self.session))

    def warm_store(self) -> None:
        """On a big store, build the accounts' indexes in a thread now: the first
        filter ticked would otherwise wait for them (a second at 100,000 accounts)."""
        if self.store.count(User) > SYNC_RELOAD_USERS:
            self.run_worker(self.store.warm_indexes, thread=True, group="store-warm", exit_on_error=False)

    @property
    def main_screen(self) -> MainScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    def _update_titles(self) -> None:
        session = self.session
        try:
            admin = session.admin
            structure = None if session.needs_structure_choice else session.structure
        except ServiceError:
            return  # the main screen reports it
        if structure is None:
            self.sub_title = admin.display_name
            return
        self.sub_title = L.APP_SUBTITLE_FMT.format(
            structure=structure.name,
            uai=structure.uai or L.UI_NO_UAI,
            admin=admin.display_name,
        )

    # ---- keys

    def set_keymap(self, keymap: Keymap) -> None:
        self.keymap = dict(keymap)
        super().set_keymap(keymap)

    def key_for(self, binding_id: str, default: str, *, long: bool = False) -> str:
        """The key bound to `binding_id` (after remapping), for display."""
        keys = self.keymap.get(binding_id, default)
        return key_label(keys.split(",")[0].strip(), long=long)

    def section_key(self, section_id: str) -> str:
        return self.key_for(f"section.{section_id}", SECTION_BY_ID[section_id].KEY)

    def get_key_display(self, binding: Binding) -> str:
        return binding_label(binding)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "change_structure":
            return self.main_screen is not None and len(self.session.structures) > 1
        if action in ("section", "journal"):
            return self.main_screen is not None
        return True

    def push_screen(self, screen: Any, callback: Any = None, wait_for_dismiss: bool = False, **kwargs: Any) -> Any:
        """Push a screen; what its callback does after a confirmation gets the same net as keys."""
        if callback is not None:
            callback = self._guarded(callback)
        return super().push_screen(screen, callback, wait_for_dismiss, **kwargs)

    def _guarded(self, callback: Callable[..., Any]) -> Callable[[Any], Awaitable[None]]:
        wanted = len(inspect.signature(callback).parameters)  # Textual passes what it takes

        async def guarded(result: Any) -> None:
            try:
                outcome = callback(*(result,)[:wanted])
                if inspect.isawaitable(outcome):
                    await outcome
            except (StoreError, ServiceError) as error:
                self.notify(error.message, severity="error", markup=False, timeout=15)
            except ValidationError as error:
                self.notify(invalid_value_message(error), severity="error", markup=False, timeout=15)

        return guarded

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseEvent)):
            self._collector.input_seen()
        await super().on_event(event)

    def on_unmount(self) -> None:
        self._collector.stop()

    async def _dispatch_action(self, namespace: Any, action_name: str, params: Any) -> bool:
        """Run a key's action; a store failure or refusal becomes a toast, not a crash.

        Screens catch what they expect; this is the net for the rest (disk
        full, file deleted under the session...): the store has left memory
        as the file is, so the console can go on.
        """
        try:
            return await super()._dispatch_action(namespace, action_name, params)
        except (StoreError, ServiceError) as error:
            self.notify(error.message, severity="error", markup=False, timeout=15)
            return True
        except ValidationError as error:  # a value no form caught: the store refused it
            self.notify(invalid_value_message(error), severity="error", markup=False, timeout=15)
            return True

    # ---- sections

    def action_section(self, section_id: str) -> None:
        self.show_section(section_id)

    def show_section(self, section_id: str, target: str | None = None) -> None:
        """Show a section of the main screen, from wherever the admin is."""
        main = self.main_screen
        if main is None:
            return
        while self.screen is not main and len(self.screen_stack) > 1:
            self.pop_screen()
        # The indexes are built in a thread after the list is drawn (a section is
        # built when first shown: not at the next refresh, it competes with the drawing).
        main.show_section(section_id, target, then=self.warm_store if section_id == USERS_SECTION else None)

    # ---- structure

    def action_change_structure(self) -> None:
        if not isinstance(self.screen, StructurePicker):
            self._open_picker(required=False)

    def _open_picker(self, *, required: bool) -> None:
        session = self.session
        picker = StructurePicker(
            session.structures,
            admin_name=session.admin.display_name,
            current=session.structure_id,
            required=required,
        )
        self.push_screen(picker, callback=partial(self._structure_chosen, required=required))

    def _structure_chosen(self, structure_id: str | None, *, required: bool) -> None:
        if structure_id is None:
            return
        try:
            structure = self.session.switch(structure_id)
        except ServiceError as error:
            self.notify(error.message, severity="error", markup=False)
            if required:
                self._open_picker(required=True)
            return
        self._update_titles()
        # After the picker has gone (the callback runs while it is still on top).
        self.call_later(self._show_structure, structure.name)

    def _show_structure(self, name: str) -> None:
        main = self.main_screen
        if main is None:
            self.push_screen(MainScreen(self.session))
            return
        # A fresh main screen: nothing of the previous school's state stays.
        while self.screen is not main and len(self.screen_stack) > 1:
            self.pop_screen()
        self.switch_screen(MainScreen(self.session, main.current_section))
        self.notify(L.STRUCTURE_SWITCHED.format(name=name), markup=False)

    # ---- help, palette, quit

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(help_lines(self, self.screen.active_bindings)))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(
                    providers=[ConsoleCommands],
                    placeholder=L.PALETTE_PLACEHOLDER,
                    id="--command-palette",
                )
            )

    def keyed_command(self, title: str, help_template: str, binding: str, default: str, callback) -> SystemCommand:
        """A palette entry whose help names the key bound to the same action."""
        return SystemCommand(title, help_template.format(key=self.key_for(binding, default, long=True)), callback)

    def console_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette's entries, in the console's order."""
        if self.main_screen is not None:
            for section in SECTIONS:
                key = self.section_key(section.SECTION_ID)
                yield SystemCommand(
                    section.title(),
                    L.PALETTE_SECTION_HELP.format(key=key),
                    partial(self.show_section, section.SECTION_ID),
                )
            if len(self.session.structures) > 1:
                yield self.keyed_command(L.KEY_STRUCTURE, L.PALETTE_STRUCTURE_HELP, "app.structure", "e", self.action_change_structure)
            yield self.keyed_command(L.JOURNALSCR_KEY_OPEN, L.JOURNALSCR_PALETTE_OPEN, "app.journal", "j", self.action_journal)
            yield self.keyed_command(L.JOURNALSCR_KEY_UNDO, L.JOURNALSCR_PALETTE_UNDO, "journal.undo", "u", self._undo_from_palette)
        yield self.keyed_command(L.JOURNALSCR_KEY_REFRESH, L.JOURNALSCR_PALETTE_REFRESH, "app.refresh", "f5", self.action_refresh)
        yield self.keyed_command(L.PALETTE_HELP, L.PALETTE_HELP_HELP, "app.help", "question_mark", self.action_help)
        yield self.keyed_command(L.KEY_QUIT, L.PALETTE_QUIT_HELP, "app.quit", "ctrl+q", self.action_quit)

    # ---- journal, refresh

    def action_journal(self) -> None:
        if not isinstance(self.screen, JournalScreen):
            self.push_screen(JournalScreen(self.session))

    def action_refresh(self) -> None:
        """Show other sessions' changes now (the console also looks every few seconds)."""
        try:
            self.store.refresh()
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False, timeout=15)
            return
        self.refresh_data()
        if isinstance(self.screen, JournalScreen):
            self.screen.reload()
        self.notify(L.JOURNALSCR_REFRESHED)

    def refresh_data(self) -> None:
        self._refresh_main()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        return self.console_commands(screen)

    def _undo_from_palette(self) -> None:
        """Open the journal and ask to undo there, where the admin sees what it was."""
        self.action_journal()
        self.call_after_refresh(self._ask_undo)

    def _ask_undo(self) -> None:
        if isinstance(self.screen, JournalScreen):
            self.screen.action_undo()

    def action_help_quit(self) -> None:
        self.notify(L.KEY_QUIT_HINT.format(key=self.key_for("app.quit", "ctrl+q", long=True)))

    # ---- other sessions' writes

    def _poll_store(self) -> None:
        """Another session wrote: read its changes (in a thread for a big store)."""
        if self._reading_store or self.store.writing or not self.store.changed_on_disk():
            return
        if self.store.count(User) <= SYNC_RELOAD_USERS:
            try:
                self.store.refresh()
            except StoreError as error:
                self._store_read(None, error)
            else:
                self._store_read(None, None)
            return
        self._reading_store = True
        self._read_store()

    @work(thread=True, exclusive=True, group="store-poll", exit_on_error=False)
    def _read_store(self) -> None:
        try:
            reloaded = self.store.read_changes()
        except StoreError as error:
            self.call_from_thread(self._store_read, None, error)
        except Exception:
            self.call_from_thread(self._store_read, None, None)  # keep polling
            raise
        else:
            self.call_from_thread(self._store_read, reloaded, None)

    def _store_read(self, reloaded: Reloaded | None, error: StoreError | None) -> None:
        self._reading_store = False
        if error is not None:
            if error.message != self._store_error:  # say it once, not every poll
                self.notify(error.message, severity="error", markup=False, timeout=30)
            self._store_error = error.message
            return
        self._store_error = None
        if reloaded is not None:
            self.store.apply(reloaded)  # refused if this session wrote meanwhile: read next time

    def _store_reloaded(self) -> None:
        self.call_later(self._refresh_main)

    def _refresh_main(self) -> None:
        main = self.main_screen
        if main is not None:
            main.refresh_data()
        self._update_titles()
