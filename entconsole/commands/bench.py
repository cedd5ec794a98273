"""`entconsole generate` and `entconsole bench`: large stores and the measures made on them."""

from __future__ import annotations

from pathlib import Path

import click
import orjson

from entconsole import labels as L
from entconsole.commands.common import EXIT_USAGE, fail


@click.command("generate", help=L.GEN_HELP)
@click.option("--users", "users", type=int, required=True, help=L.GEN_HELP_USERS)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True, help=L.GEN_HELP_OUT)
@click.option("--seed", "seed", type=int, default=1, show_default=True, help=L.GEN_HELP_SEED)
@click.option("--structures", "structures", type=int, default=None, help=L.GEN_HELP_STRUCTURES)
@click.option("--force", is_flag=True, help=L.GEN_HELP_FORCE)
@click.pass_context
def generate_command(
    ctx: click.Context, users: int, out: Path, seed: int, structures: int | None, force: bool
) -> None:
    from entconsole.models import Structure, User
    from entconsole.seed.generate import DEFAULT_TODAY, default_structures, generate
    from entconsole.store import Store, StoreError

    today = (ctx.find_root().obj or {}).get("today") or DEFAULT_TODAY
    structures = structures or default_structures(max(users, 1))
    if users < 10 or structures < 1 or users // structures < 10:
        fail(L.GEN_BAD_SIZE, EXIT_USAGE)
    if out.exists() and not force:
        fail(L.STORE_EXISTS.format(path=out.resolve()))
    from datetime import datetime, time

    data = generate(users, seed=seed, structures=structures, today=today)
    created = datetime.combine(today, time(7, 30))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        store = Store.create(
            out, data.docs, default_admin=data.default_admin, overwrite=force, clock=lambda: created
        )
    except OSError as exc:
        fail(L.STORE_CANNOT_CREATE.format(path=out, detail=exc.strerror or exc))
    except StoreError as exc:
        fail(exc.message)
    schools = sum(1 for s in store.all(Structure) if s.is_school)
    click.echo(L.GEN_WRITTEN.format(
        path=store.path, users=store.count(User), structures=schools,
        admin=data.default_admin, central=data.central_admin,
    ))


def _sizes(ctx: click.Context, param: click.Parameter, value: str) -> list[int]:
    try:
        sizes = [int(part) for part in value.replace(" ", "").split(",") if part]
    except ValueError:
        raise click.BadParameter(L.BENCH_BAD_SIZES.format(value=value)) from None
    if not sizes or any(n < 10 for n in sizes):
        raise click.BadParameter(L.BENCH_BAD_SIZES.format(value=value))
    return sizes


@click.command("bench", help=L.BENCH_HELP)
@click.option("--users", "sizes", default="1000,10000,100000", show_default=True, callback=_sizes,
              help=L.BENCH_HELP_USERS)
@click.option("--json", "as_json", is_flag=True, help=L.BENCH_HELP_JSON)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None, help=L.BENCH_HELP_OUT)
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=L.BENCH_HELP_DIR)
@click.option("--seed", "seed", type=int, default=1, show_default=True, help=L.BENCH_HELP_SEED)
@click.option("--structures", "structures", type=int, default=1, show_default=True, help=L.BENCH_HELP_STRUCTURES)
@click.option("--keystrokes", "keystrokes", type=int, default=50, show_default=True, help=L.BENCH_HELP_KEYSTROKES)
def bench_command(
    sizes: list[int], as_json: bool, out: Path | None, directory: Path | None, seed: int,
    structures: int, keystrokes: int,
) -> None:
    from entconsole.bench.report import table
    from entconsole.bench.run import run_bench
    from entconsole.bench.stores import default_directory

    def say(line: str) -> None:
        click.echo(line, err=True)  # progress on stderr: stdout holds the result

    measures = run_bench(
        sizes, directory=directory or default_directory(), seed=seed, structures=structures,
        keystrokes=keystrokes, say=say,
    )
    if as_json:
        text = orjson.dumps([m.as_json() for m in measures], option=orjson.OPT_INDENT_2).decode()
    else:
        text = table(measures)
    if out is not None:
        out.write_text(text + "\n", encoding="utf-8")
    click.echo(text)


COMMANDS = [generate_command, bench_command]
