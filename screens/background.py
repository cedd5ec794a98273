"""A service call that takes seconds on a large store, run in a thread behind a loading indicator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.widget import Widget

from entconsole.services.errors import ServiceError
from entconsole.store import StoreError

T = TypeVar("T")
Done = Callable[[Any, "ServiceError | StoreError | None"], None]


def run_service(widget: Widget, call: Callable[[], T], done: Done, *, in_thread: bool, group: str,
                loading: bool = True) -> None:
    """`call()` now, or in a thread (`in_thread`) while `widget` shows it is working;
    then `done(result, None)` or `done(None, error)` on the UI thread, either way."""

    def attempt() -> tuple[T | None, ServiceError | StoreError | None]:
        try:
            return call(), None
        except (ServiceError, StoreError) as error:
            return None, error

    if not in_thread:
        done(*attempt())
        return

    def finish(result: T | None, error: ServiceError | StoreError | None) -> None:
        widget.loading = False
        done(result, error)

    widget.loading = loading
    widget.run_worker(lambda: widget.app.call_from_thread(finish, *attempt()),
                      thread=True, group=group, exit_on_error=False)
