"""Data read when it is on screen: a hidden tab does not recompute what nobody sees.

A section or pane whose ``refresh_data`` reads much of the store (Accueil's
rentrée line, Blocage en lot's rows: seconds at 100,000 accounts) starts it
with ``if self.defer_until_shown(): return``. On a store of more than
BACKGROUND_USERS accounts, while the widget is not on the screen (another
section, another tab, not laid out yet) the refresh is only noted, and done
when Textual sends the widget its ``Show`` event. So opening the console
computes only what the first section shows, and another session's write
recomputes only the visible section; the others catch up when opened. On a
smaller store (milliseconds) hidden widgets are refreshed at once, as before.
"""

from __future__ import annotations

from textual import events

from entconsole.models import User

# Above this many accounts in the store, figures over all of them (Accueil) are
# computed in a thread; below, at once, as app.py reads another session's write.
BACKGROUND_USERS = 20_000


def is_large(store) -> bool:
    return store.count(User) > BACKGROUND_USERS


class RefreshWhenShown:
    """Mixin for a Textual widget with a ``refresh_data()`` method."""

    _refresh_pending = False

    def defer_until_shown(self) -> bool:
        """True (and the refresh noted for later) when the widget is not on screen
        and the store is a large one, or is a section not built yet."""
        built = getattr(self, "built", True)  # a section not built yet has nothing to fill
        if built and (self.is_on_screen or not is_large(self.session.store)):  # type: ignore[attr-defined]
            self._refresh_pending = False
            return False
        self._refresh_pending = True
        return True

    def _on_show(self, event: events.Show) -> None:
        if self._refresh_pending:
            self._refresh_pending = False
            self.refresh_data()  # type: ignore[attr-defined]
