"""Default communication rules of ONE (DOMAIN.md section 5).

The guide's table (`003_*`, chapter 6) is authoritative; as groups and links:

============================  ========  =============================================
group                         internal  reaches (``communique_with``)
============================  ========  =============================================
structure Personnels          BOTH      structure Enseignants, Élèves, Parents, Invités
structure Enseignants         BOTH      structure Personnels, Élèves, Parents
structure Élèves              NONE      nothing (+ relative link: pupils <-> own parents)
structure Parents / Invités   NONE      nothing
class Élèves                  BOTH      class Enseignants, class Personnels (+ relative link)
class Parents                 NONE      class Enseignants
class Enseignants/Personnels  NONE      nothing (the structure groups already cover them)
commune Personnels            BOTH      Enseignants and Parents of each school below it
new manual group              BOTH      nothing
============================  ========  =============================================

Pure functions: no store access, no Textual. Every document gets its id from
`new_id` (default: random uuid4), so a seeded factory makes the output
deterministic (the demo does that).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime

from entconsole import labels as L
from entconsole.models import (
    Communication,
    CommunicationLink,
    Group,
    GroupType,
    Profile,
    SchoolClass,
    Structure,
    new_id as _random_id,
)

IdFactory = Callable[[], str]

# Profiles having a group per structure, and per class (guests have no class group).
STRUCTURE_PROFILES: tuple[Profile, ...] = (
    Profile.TEACHER,
    Profile.STUDENT,
    Profile.RELATIVE,
    Profile.PERSONNEL,
    Profile.GUEST,
)
CLASS_PROFILES: tuple[Profile, ...] = (
    Profile.STUDENT,
    Profile.TEACHER,
    Profile.RELATIVE,
    Profile.PERSONNEL,
)

# Internal rule (members with each other) of each default profile group.
STRUCTURE_INTERNAL: dict[Profile, Communication] = {
    Profile.PERSONNEL: Communication.BOTH,
    Profile.TEACHER: Communication.BOTH,
    Profile.STUDENT: Communication.NONE,
    Profile.RELATIVE: Communication.NONE,
    Profile.GUEST: Communication.NONE,
}
CLASS_INTERNAL: dict[Profile, Communication] = {
    Profile.STUDENT: Communication.BOTH,
    Profile.TEACHER: Communication.NONE,
    Profile.RELATIVE: Communication.NONE,
    Profile.PERSONNEL: Communication.NONE,
}

# Groups whose pupils and their own parents reach each other (relative link).
RELATIVE_COMMUNICATION: frozenset[Profile] = frozenset({Profile.STUDENT})

# Default links, by profile: source group -> target groups of the same scope.
STRUCTURE_REACH: dict[Profile, tuple[Profile, ...]] = {
    Profile.PERSONNEL: (Profile.TEACHER, Profile.STUDENT, Profile.RELATIVE, Profile.GUEST),
    Profile.TEACHER: (Profile.PERSONNEL, Profile.STUDENT, Profile.RELATIVE),
}
CLASS_REACH: dict[Profile, tuple[Profile, ...]] = {
    Profile.STUDENT: (Profile.TEACHER, Profile.PERSONNEL),
    Profile.RELATIVE: (Profile.TEACHER,),
}
# A commune's staff reach the teachers and parents of its schools (guide 6.C).
COMMUNE_REACH: tuple[Profile, ...] = (Profile.TEACHER, Profile.RELATIVE)


def profile_group_name(profile: Profile, owner_name: str) -> str:
    """The real console's name: "Enseignants du groupe École des Papillons."."""
    return L.PROFILE_GROUP_NAME.format(profiles=L.PROFILE_PLURAL[profile.value], owner=owner_name)


def structure_profile_groups(
    structure: Structure, now: datetime, new_id: IdFactory = _random_id
) -> list[Group]:
    """One ProfileGroup per profile for the structure, with its default rules."""
    return [
        Group(
            id=new_id(),
            name=profile_group_name(profile, structure.name),
            type=GroupType.PROFILE,
            structure_id=structure.id,
            profile=profile,
            internal_communication=STRUCTURE_INTERNAL[profile],
            relative_communication=profile in RELATIVE_COMMUNICATION,
            created=now,
        )
        for profile in STRUCTURE_PROFILES
    ]


def class_profile_groups(
    school_class: SchoolClass, now: datetime, new_id: IdFactory = _random_id
) -> list[Group]:
    """One ProfileGroup per profile (guests excepted) for the class."""
    return [
        Group(
            id=new_id(),
            name=profile_group_name(profile, school_class.name),
            type=GroupType.PROFILE,
            structure_id=school_class.structure_id,
            class_id=school_class.id,
            profile=profile,
            internal_communication=CLASS_INTERNAL[profile],
            relative_communication=profile in RELATIVE_COMMUNICATION,
            created=now,
        )
        for profile in CLASS_PROFILES
    ]


def manual_group(
    name: str,
    structure_id: str,
    now: datetime,
    *,
    created_by: str | None = None,
    new_id: IdFactory = _random_id,
) -> Group:
    """A new manual group: its members can communicate with each other (BOTH)."""
    return Group(
        id=new_id(),
        name=name,
        type=GroupType.MANUAL,
        structure_id=structure_id,
        internal_communication=Communication.BOTH,
        created_by=created_by,
        created=now,
        modified=now,
    )


def by_profile(groups: Iterable[Group]) -> dict[Profile, Group]:
    """Profile groups keyed by profile (the first one wins if repeated)."""
    out: dict[Profile, Group] = {}
    for group in groups:
        if group.profile is not None and group.profile not in out:
            out[group.profile] = group
    return out


def _links(
    sources: Mapping[Profile, Group],
    targets: Mapping[Profile, Group],
    reach: Mapping[Profile, Sequence[Profile]],
    new_id: IdFactory,
) -> list[CommunicationLink]:
    links = []
    for source_profile, target_profiles in reach.items():
        source = sources.get(source_profile)
        if source is None:
            continue
        for target_profile in target_profiles:
            target = targets.get(target_profile)
            if target is not None:
                links.append(CommunicationLink(id=new_id(), source=source.id, target=target.id))
    return links


def structure_links(
    structure_groups: Iterable[Group], new_id: IdFactory = _random_id
) -> list[CommunicationLink]:
    """Default links between the profile groups of one structure."""
    groups = by_profile(structure_groups)
    return _links(groups, groups, STRUCTURE_REACH, new_id)


def class_links(
    class_groups: Iterable[Group], new_id: IdFactory = _random_id
) -> list[CommunicationLink]:
    """Default links between the profile groups of one class."""
    groups = by_profile(class_groups)
    return _links(groups, groups, CLASS_REACH, new_id)


def default_links(
    structure_groups: Iterable[Group],
    class_groups_by_class: Mapping[str, Iterable[Group]],
    new_id: IdFactory = _random_id,
) -> list[CommunicationLink]:
    """Every default link of a structure: its own groups, then each class's.

    The internal rules and relative links are carried by the groups themselves
    (set by `structure_profile_groups` / `class_profile_groups`).
    """
    links = structure_links(structure_groups, new_id)
    for groups in class_groups_by_class.values():
        links.extend(class_links(groups, new_id))
    return links


def commune_links(
    commune_groups: Iterable[Group],
    school_groups: Iterable[Group],
    new_id: IdFactory = _random_id,
) -> list[CommunicationLink]:
    """A commune's Personnels reach the Enseignants and Parents of one of its schools."""
    return _links(
        by_profile(commune_groups),
        by_profile(school_groups),
        {Profile.PERSONNEL: COMMUNE_REACH},
        new_id,
    )
