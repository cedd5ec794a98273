"""Another session's write shows up without restarting the console."""

from __future__ import annotations

from entconsole import labels as L
from entconsole.models import User
from entconsole.services.home import home_figures
from entconsole.services.users import structure_users
from entconsole.store import Store
from tests.ui.conftest import SIZE


def attention_count(app, label: str) -> int:
    text = app.screen.query_one("#home-attention").render().plain
    line = next(line for line in text.splitlines() if label in line)
    return int(line.split()[-1])


async def test_home_follows_other_sessions(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = home_figures(app.session).blocked
        assert attention_count(app, L.HOME_BLOCKED) == before

        # another session (another SSH login, the CLI…) blocks two accounts
        other = Store(demo_path, create=False)
        sid = app.session.structure_id
        targets = [u for u in structure_users(other, sid) if not u.blocked][:2]
        with other.transaction("someone", "user.block", structure_id=sid) as tx:
            for user in targets:
                tx.put(user.model_copy(update={"blocked": True}))
            tx.journal("block", targets=[u.id for u in targets])

        app._poll_store()  # what the console's timer does every few seconds
        await pilot.pause()
        assert attention_count(app, L.HOME_BLOCKED) == before + 2
        assert all(app.store.get(User, u.id).blocked for u in targets)
