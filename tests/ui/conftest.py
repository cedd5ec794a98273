"""UI test helpers: the demo's admins, the text on screen."""

from __future__ import annotations

import pytest

from entconsole.services.session import admins, administered_structures
from entconsole.store import Store
from tests.conftest import TODAY

SIZE = (120, 36)


@pytest.fixture
def advisor_login(demo_path) -> str:
    """The demo admin with two structures in scope (the district advisor)."""
    store = Store(demo_path, create=False)
    found = [a.login for a in admins(store) if len(administered_structures(store, a)) == 2]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def make_app(demo_path):
    from entconsole.app import EntConsoleApp

    def make(login: str | None = None):
        return EntConsoleApp(db_path=demo_path, acting_login=login, today=TODAY)

    return make


def screen_text(app) -> str:
    """What the terminal shows for the active screen, as plain text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)
