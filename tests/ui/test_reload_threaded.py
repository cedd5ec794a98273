"""Issue 9: on a big store, another session's write is read in a thread, then applied."""

from __future__ import annotations

import entconsole.app as app_module
from entconsole.models import User
from entconsole.services.users import structure_users
from entconsole.store import Store
from tests.ui.conftest import SIZE


async def test_other_sessions_write_read_in_a_thread(make_app, demo_path, monkeypatch):
    monkeypatch.setattr(app_module, "SYNC_RELOAD_USERS", 0)  # the demo as if it were huge
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.show_section("users")
        await pilot.pause()
        section = app.main_screen.section("users")
        other = Store(demo_path, create=False)
        sid = app.session.structure_id
        target = next(u for u in structure_users(other, sid) if not u.blocked)
        with other.transaction("someone", "user.block", structure_id=sid) as tx:
            tx.put(target.model_copy(update={"blocked": True}))
            tx.journal("block", targets=[target.id])

        app._poll_store()
        assert app._reading_store  # not read on the UI thread
        for _ in range(200):
            await pilot.pause()
            if not app._reading_store:
                break
        await pilot.pause()
        assert app.store.get(User, target.id).blocked
        shown = next(u for u in section.users if u.id == target.id)
        assert shown.blocked  # the list shows the new state of the account
