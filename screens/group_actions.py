"""What the Groupes screens share: running one service call, the internal switch, refusals.

Every action of these screens is one service call; its message becomes a
toast, its refusal an error toast ("Opération interdite." with the real
console's explanation), and then the console reads the store again.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from entconsole import labels as L
from entconsole.models import Communication, Group
from entconsole.screens.confirm import ConfirmScreen
from entconsole.services.communication import check_internal_allowed
from entconsole.services.errors import ServiceError
from entconsole.services.groups import set_internal_communication
from entconsole.services.results import ActionResult
from entconsole.store import StoreError


def show_refusal(owner: Widget, error: ServiceError | StoreError) -> None:
    """An error toast; a forbidden link says why, as the real console does."""
    if error.message == L.COMM_FORBIDDEN:
        owner.notify(L.GRP_FORBIDDEN_DETAIL, title=L.COMM_FORBIDDEN, severity="error", markup=False, timeout=10)
    else:
        owner.notify(error.message, severity="error", markup=False, timeout=8)


def refresh_console(owner: Widget) -> None:
    """The main screen's sections (Groupes, Utilisateurs' filters, Accueil) read the store again."""
    main = getattr(owner.app, "main_screen", None)
    if main is not None:
        main.refresh_data()


def run_action(owner: Widget, call: Callable[[], ActionResult], after: Callable[[], None]) -> ActionResult | None:
    """One service call: toast its message (or its refusal), then `after()` and the console refresh."""
    try:
        result = call()
    except (ServiceError, StoreError) as error:
        show_refusal(owner, error)
        return None
    owner.notify(result.message, markup=False)
    after()
    refresh_console(owner)
    return result


def confirm_then(owner: Widget, title: str, text: str, run: Callable[[], None], *, confirm_label: str = L.CONFIRM_YES) -> None:
    def done(confirmed: bool | None) -> None:
        if confirmed:
            run()

    owner.app.push_screen(ConfirmScreen(title, text, confirm_label=confirm_label), callback=done)


def toggle_internal(owner: Widget, session, group: Group, after: Callable[[], None]) -> None:
    """The switch "Les membres du groupe peuvent / ne peuvent pas communiquer entre eux".

    Refused groups (all pupils, all parents…) are told at once, before the
    confirmation, as the real console checks before asking.
    """
    wanted = group.internal_communication is not Communication.BOTH
    if wanted:
        try:
            check_internal_allowed(group)
        except ServiceError as error:
            show_refusal(owner, error)
            return
    template = L.GRP_INTERNAL_ON_CONFIRM if wanted else L.GRP_INTERNAL_OFF_CONFIRM
    group_id = group.id
    confirm_then(
        owner,
        L.GRP_CONFIRM_TITLE,
        template.format(name=group.name),
        lambda: run_action(owner, lambda: set_internal_communication(session, group_id, wanted), after),
    )


def internal_line(group: Group) -> tuple[str, str]:
    """The switch's sentence and its style."""
    if group.internal_communication is Communication.BOTH:
        return L.GRP_INTERNAL_ON, "bold $text-success"
    return L.GRP_INTERNAL_OFF, "bold $text-warning"


def follow_store(screen, load: Callable[[], None]) -> Callable[[], None]:
    """Read the store again when another session writes (the main screen does the same).

    Returns the function that stops it: call it when the screen is unmounted.
    """
    store = screen.session.store

    def reloaded() -> None:
        if screen.is_mounted:
            screen.call_later(load)

    store.on_reload.append(reloaded)

    def forget() -> None:
        if reloaded in store.on_reload:
            store.on_reload.remove(reloaded)

    return forget
