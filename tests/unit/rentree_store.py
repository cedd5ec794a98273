"""Small crafted stores for the rentrée rules' edge cases (no demo needed)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from entconsole.clock import make_clock
from entconsole.models import (
    ADMIN_LOCAL,
    Group,
    GroupType,
    Profile,
    SchoolClass,
    Source,
    Structure,
    User,
    display_name,
    new_id,
)
from entconsole.services.logins import login_part
from entconsole.store import Store

TODAY = date(2024, 9, 5)
HERE = "school-here"
OTHER = "school-other"


def user(first: str, last: str, profile: Profile = Profile.TEACHER, **fields) -> User:
    data = dict(
        first_name=first,
        last_name=last,
        display_name=display_name(first, last),
        profile=profile,
        login=login_part(first) + "." + login_part(last),
        source=Source.AAF,
        structures=(HERE,),
        creation_date=datetime(2020, 8, 28, 3, 0),
    )
    data.update(fields)
    return User(**data)


def base_docs() -> list:
    return [
        Structure(id=HERE, name="École ici", uai="0600001A"),
        Structure(id=OTHER, name="École là-bas", uai="0600002B"),
        user("Anne", "Admin", home_structure=HERE, functions={ADMIN_LOCAL: (HERE,)}),
    ]


def school_class(name: str, year: str | None = "2024-2025", structure: str = HERE) -> SchoolClass:
    return SchoolClass(id=new_id(), structure_id=structure, name=name, school_year=year)


def group(name: str, type_: GroupType = GroupType.MANUAL, created: datetime | None = None, **kw) -> Group:
    return Group(id=new_id(), name=name, type=type_, structure_id=HERE, created=created, **kw)


def make_store(path: Path, docs: list) -> Store:
    Store.create(path, base_docs() + docs, default_admin="anne.admin", clock=make_clock(TODAY, frozen=True))
    return Store(path, create=False, clock=make_clock(TODAY, frozen=True))
