"""Child processes of the bench: a cold start, and the load floor, each in a fresh process.

``python -m entconsole.bench.cold start DB TODAY``: open the console headless,
wait for the first frame of Accueil, go to Utilisateurs at once (as a person
pressing 2 as soon as the console shows), and print (JSON) the wall-clock
moment the users list was first drawn, and the peak RSS. ``python -m entconsole.bench.cold floor DB``:
read the file, ``orjson.loads`` it and validate every document with its model
(the least a validating load can cost), and print how long that took.

The parent notes the wall clock before starting the child, so the cold start
includes the interpreter, the imports, the load and the first frames.
"""

from __future__ import annotations

import sys
import time

START_SIZE = (120, 40)


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux: VmHWM, kB).

    Not ``getrusage().ru_maxrss``: Linux carries it over from the parent
    through fork and exec, so a bench that had just generated a big store
    reported the parent's peak for both children.
    """
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    """Resident memory now (Linux), as opposed to the peak."""
    import os

    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return float("nan")


def floor(db: str) -> dict:
    import gc

    import orjson

    from entconsole.models import META_TABLE, MODEL_BY_TABLE

    gc.disable()  # the least it can cost: no collections while allocating
    started = time.perf_counter()
    with open(db, "rb") as handle:
        raw = orjson.loads(handle.read())
    parsed = time.perf_counter()
    docs = [
        model.model_validate(data)
        for table, model in MODEL_BY_TABLE.items()
        for data in raw.get(table, {}).values()
    ]
    done = time.perf_counter()
    assert raw[META_TABLE]
    return {"floor": done - started, "parse": parsed - started, "docs": len(docs), "peak_rss_mb": peak_rss_mb()}


def start(db: str, today: str) -> dict:
    import asyncio
    from datetime import date

    from entconsole.app import EntConsoleApp
    from entconsole.bench.ui import FrameWatch

    app = EntConsoleApp(db_path=db, today=date.fromisoformat(today))
    loaded = time.time()
    loaded_rss = peak_rss_mb()
    result: dict = {}

    async def run() -> None:
        async with app.run_test(size=START_SIZE):
            watch = FrameWatch(app)
            main = app.main_screen
            while main is None:
                await asyncio.sleep(0.001)
                main = app.main_screen
            # Accueil drawn: its first frame, as a person sees it and may press a key.
            # (Not pilot.pause(): it waits for the process to be idle, up to a second,
            # so it would also wait for Accueil's figures computed in a thread.)
            home = main.section("home")
            watch.expect(lambda: home.built and bool(home.query("#home-day")) and home.query_one("#home-day").is_on_screen)
            await watch.drawn()
            result["home_drawn"] = watch.frame_wall
            section = main.section("users")
            watch.expect(lambda: section.shown_state is not None)
            app.show_section("users")
            await watch.drawn()
            result["users_drawn"] = watch.frame_wall
            result["rows"] = len(section.users)

    asyncio.run(run())
    result.update(
        loaded=loaded, loaded_rss_mb=loaded_rss, peak_rss_mb=peak_rss_mb(), current_rss_mb=current_rss_mb()
    )
    return result


def main(argv: list[str]) -> None:
    import json

    if argv[0] == "floor":
        print(json.dumps(floor(argv[1])))
    elif argv[0] == "start":
        print(json.dumps(start(argv[1], argv[2])))
    else:  # pragma: no cover
        raise SystemExit(f"unknown: {argv[0]}")


if __name__ == "__main__":
    main(sys.argv[1:])
