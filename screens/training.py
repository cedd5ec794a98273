"""Training mode: the console on a trainee's sandbox, with a progress panel.

``TrainingApp`` is the console (``EntConsoleApp``) plus a small panel docked
at the bottom of every full screen: the scenario's title, steps done / total
with a tick per step, the current instruction, and its hint on F9 (F8 lists
every step). The panel re-reads the checks whenever the store's revision
changes (the trainee's own actions, or another session's), and a toast says
when a step turns true.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import SystemCommand
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from entconsole import labels as L
from entconsole.app import EntConsoleApp
from entconsole.store import StoreError
from entconsole.training.progress import Progress, progress
from entconsole.training.sandbox import Sandbox
from entconsole.training.scenarios import Scenario, ScenarioError

PROGRESS_POLL_SECONDS = 0.5  # the check is cheap: a revision number compared


class TrainingPanel(Vertical):
    """Title, ticks, current instruction and (on F9) its hint."""

    def __init__(self, scenario: Scenario) -> None:
        super().__init__(classes="training-panel")
        self.scenario = scenario
        self.state: Progress | None = None
        self.show_hint = False

    def compose(self):
        yield Static(classes="training-head")
        yield Static(classes="training-step")
        yield Static(classes="training-hint")

    def on_mount(self) -> None:
        self.render_state()

    def render_state(self) -> None:
        app = self.app
        state = self.state
        scenario = self.scenario
        total = len(scenario.steps)
        done = state.done if state else (False,) * total
        ticks: list[tuple[str, str] | str] = []
        for n, ok in enumerate(done):
            ticks += [" "] if n else []
            ticks.append(("✓", "$success bold") if ok else ("·", "$text-muted"))
        console = isinstance(app, EntConsoleApp)
        hint_key = app.key_for("training.hint", "f9") if console else "F9"
        steps_key = app.key_for("training.steps", "f8") if console else "F8"
        head = Content.assemble(
            (L.TRAIN_PANEL_TITLE.format(title=scenario.title), "bold"),
            "  ",
            L.TRAIN_PANEL_COUNT.format(done=sum(done), total=total),
            "  ",
            *ticks,
            "  ",
            (L.TRAIN_PANEL_HINT_KEY.format(key=hint_key), "$text-muted"),
            "  ",
            (L.TRAIN_PANEL_STEPS_KEY.format(key=steps_key), "$text-muted"),
        )
        self.query_one(".training-head", Static).update(head)
        current = state.current if state else 0
        if current is None:
            step_text, hint = L.TRAIN_PANEL_FINISHED, None
        else:
            step = scenario.steps[current]
            step_text = L.TRAIN_PANEL_STEP.format(n=current + 1, instruction=step.instruction)
            hint = step.hint or L.TRAIN_PANEL_NO_HINT
        self.query_one(".training-step", Static).update(Content(step_text))
        hint_widget = self.query_one(".training-hint", Static)
        hint_widget.update(Content(hint or ""))
        hint_widget.display = self.show_hint and hint is not None


class TrainingApp(EntConsoleApp):
    CSS_PATH = "training.tcss"
    BINDINGS = [
        Binding("f9", "training_hint", L.TRAIN_KEY_HINT, id="training.hint", priority=True),
        Binding("f8", "training_steps", L.TRAIN_KEY_STEPS, id="training.steps", priority=True),
    ]

    def __init__(self, sandbox: Sandbox, notice: str | None = None) -> None:
        scenario = sandbox.scenario
        super().__init__(
            db_path=sandbox.store_path,
            acting_login=scenario.start.admin,
            today=scenario.start.today,
            notice=notice,
        )
        self.sandbox = sandbox
        self.scenario = scenario
        self.progress: Progress | None = None
        self._seen_revision: int | None = None
        self._show_hint = False

    def on_mount(self) -> None:
        # EntConsoleApp.on_mount runs too (Textual calls each class's handler)
        self.refresh_progress(announce=False)
        self.screen_change_signal.subscribe(self, self._screen_changed)
        self.set_interval(PROGRESS_POLL_SECONDS, self._poll_progress)

    # ---- the panel on every full screen

    def _screen_changed(self, screen: Screen) -> None:
        self.call_after_refresh(self._add_panel, screen)

    def _add_panel(self, screen: Screen) -> None:
        if isinstance(screen, ModalScreen) or not screen.is_attached:
            return
        if not screen.query(TrainingPanel):
            panel = TrainingPanel(self.scenario)
            panel.state = self.progress
            panel.show_hint = self._show_hint
            screen.mount(panel)

    def _panels(self) -> list[TrainingPanel]:
        return [p for screen in self.screen_stack for p in screen.query(TrainingPanel)]

    def _update_panels(self) -> None:
        for panel in self._panels():
            panel.state = self.progress
            panel.show_hint = self._show_hint
            panel.render_state()

    # ---- progress

    def _poll_progress(self) -> None:
        if self.store.revision != self._seen_revision:
            self.refresh_progress()

    def refresh_progress(self, *, announce: bool = True) -> Progress | None:
        """Evaluate the checks again; toast the steps that changed."""
        self._seen_revision = self.store.revision
        try:
            new = progress(self.store, self.scenario)
        except (ScenarioError, StoreError) as error:
            self.notify(error.message, severity="error", markup=False)
            return self.progress
        old = self.progress
        self.progress = new
        if announce and old is not None:
            for n, (was, now) in enumerate(zip(old.done, new.done), start=1):
                if now and not was:
                    self.notify(L.TRAIN_STEP_DONE.format(n=n), markup=False)
                elif was and not now:
                    self.notify(L.TRAIN_STEP_UNDONE.format(n=n), severity="warning", markup=False)
            if new.finished and not old.finished:
                self.notify(L.TRAIN_PANEL_FINISHED, markup=False)
        if old is None or old.done != new.done:
            self._show_hint = False  # a new step: its hint stays hidden until asked
        self._update_panels()
        return new

    def console_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The console's palette entries, then the training's two."""
        yield from super().console_commands(screen)
        yield self.keyed_command(L.TRAIN_KEY_HINT, L.TRAIN_PALETTE_HINT, "training.hint", "f9", self.action_training_hint)
        yield self.keyed_command(L.TRAIN_KEY_STEPS, L.TRAIN_PALETTE_STEPS, "training.steps", "f8", self.action_training_steps)

    def action_training_hint(self) -> None:
        self._show_hint = not self._show_hint
        self._update_panels()

    def action_training_steps(self) -> None:
        if isinstance(self.screen, StepsScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(StepsScreen(self.scenario, self.progress))


class StepsScreen(ModalScreen[None]):
    """Every step of the scenario with its tick, instruction and hint."""

    BINDINGS = [Binding("escape", "close", L.TRAIN_STEPS_CLOSE, id="training.steps_close")]

    def __init__(self, scenario: Scenario, state: Progress | None) -> None:
        super().__init__(id="training-steps")
        self.scenario = scenario
        self.state = state

    def compose(self):
        done = self.state.done if self.state else (False,) * len(self.scenario.steps)
        with Vertical(id="training-steps-box") as box, VerticalScroll(id="training-steps-list"):
            box.border_title = L.TRAIN_STEPS_TITLE.format(title=self.scenario.title)
            box.border_subtitle = L.TRAIN_PANEL_COUNT.format(done=sum(done), total=len(done))
            for n, (step, ok) in enumerate(zip(self.scenario.steps, done), start=1):
                mark = ("✓ ", "$success bold") if ok else ("· ", "$text-muted")
                yield Static(
                    Content.assemble(mark, (f"{n}. ", "bold"), step.instruction),
                    classes="training-steps-step",
                )
                if step.hint:
                    yield Static(
                        Content(L.TRAIN_STEPS_HINT.format(hint=step.hint)), classes="training-steps-hint"
                    )
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
