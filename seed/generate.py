"""Large synthetic stores: N accounts over K schools with the demo's proportions.

`generate(users, seed=..., structures=...)` returns every document of a store
in a stable order; `write_generated` writes it. Everything is drawn from two
`random.Random` seeded from `seed` (data and ids) and every date is computed
from `today` (never from the clock), so the same arguments give the very same
file, byte for byte.

Per school, as in the demo's École des Papillons (~790 accounts): ~2 % teachers
(the first is the director, local administrator), ~2 % staff (AESH, ATSEM,
secretary, ELCO, some of them manual accounts), ~0.5 % guests (manual), and
families: one or two parents (AAF1D) and one to three pupils (AAF1D, INE, a
class of ~25 of their level). Statuses: not activated (parents ~17 %, young
pupils more), blocked, duplicates (a manual homonym of a fed parent, score 4),
families who left (pending pre-deletion) and pre-deleted ones. Each school also
gets its profile groups and default communication links, ULIS / UPE2A, manual
groups (RESP-AFFECT-GAR, last year's APE, this year's choir), flash messages,
block history, reports, share bookmarks and shares. The first school's director
is the store's default admin; a central administrator (SUPER_ADMIN) sees every
school.
"""

from __future__ import annotations

import math
import os
import string
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from entconsole.models import (
    ADMIN_LOCAL,
    ADMIN_LOCAL_TARGET,
    SUPER_ADMIN,
    BlockAction,
    BlockTrace,
    Communication,
    Doc,
    Duplicate,
    FlashColor,
    FlashMessage,
    Group,
    GroupType,
    Level,
    Profile,
    Report,
    Reporter,
    SchoolClass,
    Share,
    ShareBookmark,
    ShareGrant,
    ShareRight,
    ShareTargetType,
    Source,
    Structure,
    StructureFeed,
    school_year_start,
)
from entconsole.seed import names
from entconsole.seed.drafts import LEVEL_AGE, SeededBuilder, user_from_draft
from entconsole.services import comm_defaults, logins
from entconsole.store import Store

DEFAULT_SEED = 1
GENERATOR_VERSION = 2  # bump when the same arguments would give another file
# Dates are relative to this day unless told otherwise, so that a file does
# not change with the day it is generated (it is the tests' and demos' day).
DEFAULT_TODAY = date(2024, 9, 5)
SCHOOL_SIZE = 800  # accounts of a typical school: the default number of schools is N / 800

# Shares of a school's accounts (the demo's Papillons: 16 teachers, 15 staff,
# 4 guests for ~790 accounts); the rest are families.
TEACHER_SHARE = 0.02
STAFF_SHARE = 0.019
GUEST_SHARE = 0.005
DUPLICATE_SHARE = 0.003  # manual homonyms of a fed parent
CLASS_SIZE = 25
PUPIL_SHARE = 0.345  # of a school's accounts: sizes the classes

YOUNG = frozenset({Level.TPS, Level.PS, Level.MS, Level.GS})
SCHOOL_NAMES = (
    "des Papillons", "Jules Ferry", "Jean Moulin", "Victor Hugo", "Louis Pasteur",
    "Les Coquelicots", "Marie Curie", "Jacques Prévert", "Les Tilleuls", "du Centre",
    "Paul Bert", "Jean Jaurès", "Les Marronniers", "La Fontaine", "Les Hirondelles",
    "Saint-Exupéry", "Condorcet", "Les Lilas", "du Moulin", "Pierre et Marie Curie",
)
COMMUNES = (
    "Bellefontaine-sur-Loire", "Saint-Vrain", "Montreuil-les-Prés", "Villiers-le-Bois",
    "Champeaux", "La Chapelle-Saint-Martin", "Beaulieu", "Fontenay-sur-Eure",
)
STAFF_POSITIONS = (
    ("AESH", Source.AAF, 0.35), ("ATSEM", Source.MANUAL, 0.25), ("Secrétaire", Source.MANUAL, 0.1),
    ("ELCO", Source.MANUAL, 0.05), ("Psychologue de l'Éducation nationale", Source.AAF, 0.1),
    ("Animatrice périscolaire", Source.MANUAL, 0.15),
)
GUEST_POSITIONS = (
    "Intervenante extérieure (musique)", "Bénévole bibliothèque", "Intervenant sport",
    "Intervenante théâtre", "Animateur club d'échecs",
)
PARENT_MAILS = ("courriel.example", "mail.example", "famille.example", "boite.example")
TEACHER_MAIL = "ac-exemple.example"


@dataclass
class Generated:
    docs: list[Doc]  # every document of every table, in a stable order
    default_admin: str  # login of the first school's director
    central_admin: str  # login of the SUPER_ADMIN account


def school_sizes(users: int, structures: int) -> list[int]:
    """`users` accounts split as evenly as possible over `structures` schools."""
    base, extra = divmod(users, structures)
    return [base + (1 if n < extra else 0) for n in range(structures)]


def default_structures(users: int) -> int:
    return max(1, round(users / SCHOOL_SIZE))


def class_name(level: Level, n: int) -> str:
    """"CM1 A" … "CM1 Z", "CM1 AA" …: classes of one level in a big school."""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = string.ascii_uppercase[rest] + letters
    return f"{level.value} {letters}"


def generate(
    users: int,
    *,
    seed: int = DEFAULT_SEED,
    structures: int | None = None,
    today: date = DEFAULT_TODAY,
) -> Generated:
    """Every document of a store of `users` accounts over `structures` schools."""
    if users < 10:
        raise ValueError("at least 10 accounts")
    structures = structures or default_structures(users)
    if structures < 1 or users // structures < 10:
        raise ValueError("at least 10 accounts per school")
    return _Generator(seed, today).build(school_sizes(users, structures))


def write_generated(
    path: str | os.PathLike[str],
    users: int,
    *,
    seed: int = DEFAULT_SEED,
    structures: int | None = None,
    today: date = DEFAULT_TODAY,
    overwrite: bool = False,
) -> Store:
    data = generate(users, seed=seed, structures=structures, today=today)
    created = datetime.combine(today, time(7, 30))
    return Store.create(
        path, data.docs, default_admin=data.default_admin, overwrite=overwrite,
        clock=lambda: created,
    )


# --------------------------------------------------------------------------- generator


class _Generator(SeededBuilder):
    def __init__(self, seed: int, today: date) -> None:
        super().__init__(today, seed=seed, id_seed=f"ids-{seed}")
        self.uais: set[str] = set()
        self.docs: list[Doc] = []

    def uai(self) -> str:
        rng = self.rng
        return self.unique(self.uais, lambda: f"0{rng.randrange(10**6):06d}{rng.choice(string.ascii_uppercase)}")

    def user(
        self,
        first: str,
        last: str,
        profile: Profile,
        source: Source,
        structure_id: str,
        created: datetime,
        *,
        activated: bool,
        **fields: Any,
    ) -> dict[str, Any]:
        """A user draft (dict of User fields); turned into a User at the end."""
        seen = None
        if activated:
            seen = max(created, self.now - timedelta(days=self.rng.randint(0, 60), hours=self.rng.randint(1, 14)))
        draft = self.user_draft(first, last, profile, source, [structure_id], created, last_login=seen)
        draft.update(fields)
        self.school_users.append(draft)
        return draft

    # ---- build

    def build(self, sizes: Sequence[int]) -> Generated:
        commune = Structure(
            id=self.new_id(), name=f"Circonscription de {COMMUNES[0]}", feed=StructureFeed.MANUAL,
            is_school=False, created=datetime(self.y - 8, 6, 12, 10, 0),
        )
        self.docs.append(commune)
        schools = [self.school(n, size) for n, size in enumerate(sizes)]
        # The central administrator sees every school (a Personnel of the first).
        first = schools[0]
        central = user_from_draft(first["central"])
        default_admin = first["director"]["login"]
        users = [u for s in schools for u in s["users"]]
        docs = self.docs + users
        return Generated(docs=docs, default_admin=default_admin, central_admin=central.login)

    def school(self, number: int, size: int) -> dict[str, Any]:
        rng = self.rng
        self.school_users: list[dict[str, Any]] = []
        kind = "maternelle" if number % 5 == 4 else "élémentaire"
        name = f"École {kind} {SCHOOL_NAMES[number % len(SCHOOL_NAMES)]}"
        if number >= len(SCHOOL_NAMES):
            name += f" ({COMMUNES[(number // len(SCHOOL_NAMES)) % len(COMMUNES)]} {number // len(SCHOOL_NAMES) + 1})"
        uai = self.uai()
        structure = Structure(
            id=self.new_id(), name=name, default_name=name.upper(), uai=uai,
            external_id=f"ENT-{uai}", parents=(self.docs[0].id,),
            mobile_app=number % 3 != 2, created=datetime(self.y - 8, 6, 12, 10, 5),
        )
        sid = structure.id
        self.docs.append(structure)
        created = datetime.combine(school_year_start(self.today), time(2, 15))

        # classes, profile groups, default links
        levels = [Level.TPS, Level.PS, Level.MS, Level.GS] if kind == "maternelle" else list(Level)
        class_count = max(1, math.ceil(size * PUPIL_SHARE / CLASS_SIZE))
        classes: list[SchoolClass] = []
        per_level: dict[Level, int] = {}
        for n in range(class_count):
            level = levels[n % len(levels)]
            classes.append(SchoolClass(
                id=self.new_id(), structure_id=sid, name=class_name(level, per_level.get(level, 0)),
                level=level, external_id=f"{uai}${n}", school_year=self.year,
            ))
            per_level[level] = per_level.get(level, 0) + 1
        structure_groups = comm_defaults.structure_profile_groups(structure, created, self.new_id)
        class_groups = {
            c.id: comm_defaults.class_profile_groups(c, created, self.new_id) for c in classes
        }
        links = comm_defaults.default_links(structure_groups, class_groups, self.new_id)

        def group(name: str, gtype: GroupType, when: datetime, **kw: Any) -> Group:
            return Group(id=self.new_id(), name=name, type=gtype, structure_id=sid,
                         created=when, modified=when, **kw)

        ulis = group("ULIS", GroupType.TEACHING, created)
        upe2a = group("UPE2A", GroupType.TEACHING, created)
        gar = group("RESP-AFFECT-GAR", GroupType.MANUAL, datetime(self.y - 4, 11, 18, 6, 0),
                    lock_delete=True, internal_communication=Communication.NONE)
        ape = comm_defaults.manual_group(f"APE {self.last_year}", sid, datetime(self.y - 1, 9, 19, 17, 40),
                                         new_id=self.new_id)
        chorale = comm_defaults.manual_group(f"Chorale {self.year}", sid, self.days_ago(1, 3),
                                             new_id=self.new_id)
        manual_groups = [gar, ape, chorale]

        # adults
        teachers_n = max(1, round(size * TEACHER_SHARE))
        staff_n = max(1 if number == 0 else 0, round(size * STAFF_SHARE))
        guests_n = round(size * GUEST_SHARE)
        duplicates_n = round(size * DUPLICATE_SHARE)
        teachers = []
        for n in range(teachers_n):
            woman = self.chance(0.8)
            last = rng.choice(names.LAST_NAMES)
            first = rng.choice(names.WOMEN if woman else names.MEN)
            t = self.user(
                first, last, Profile.TEACHER, Source.AAF, sid,
                datetime(self.y - rng.randint(0, 9), 8, rng.randint(25, 31), 3, 0),
                activated=self.chance(0.95) or n == 0,
                birth_date=date(self.y - rng.randint(24, 60), rng.randint(1, 12), rng.randint(1, 28)),
                email=f"{logins.login_part(first)}.{logins.login_part(last)}@{TEACHER_MAIL}",
                position="Directrice" if n == 0 and woman else "Directeur" if n == 0 else "Professeur des écoles",
                home_structure=sid,
            )
            if n < len(classes) and (n == 0 or self.chance(0.85)):
                t["classes"].append(classes[n].id)
            if n == 0:
                t["functions"] = {ADMIN_LOCAL: (sid,)}
            if n == 0 or self.chance(0.6):
                t["groups"].append(gar.id)
            teachers.append(t)
        director = teachers[0]
        staff = []
        for n in range(staff_n):
            position, source, _ = rng.choices(STAFF_POSITIONS, [w for *_, w in STAFF_POSITIONS])[0]
            last = rng.choice(names.LAST_NAMES)
            first = rng.choice(names.WOMEN if self.chance(0.85) else names.MEN)
            fields: dict[str, Any] = {"position": position}
            if n == 0 and number == 0:  # the department's central administrator
                first, last, source = "Camille", "Administrateur", Source.AAF
                fields = {"position": "Administrateur central", "functions": {SUPER_ADMIN: ()}}
            p = self.user(
                first, last, Profile.PERSONNEL, source, sid,
                datetime(self.y - rng.randint(0, 6), 9, rng.randint(1, 28), 10, 0),
                activated=self.chance(0.85) or "functions" in fields,
                birth_date=date(self.y - rng.randint(22, 62), rng.randint(1, 12), rng.randint(1, 28)),
                **fields,
            )
            if position == "AESH" and self.chance(0.5):
                p["groups"].append(ulis.id)
            elif position == "ATSEM" and classes:
                p["classes"].append(rng.choice(classes).id)
            staff.append(p)
        for _ in range(guests_n):
            last = rng.choice(names.LAST_NAMES)
            self.user(
                rng.choice(names.WOMEN + names.MEN), last, Profile.GUEST, Source.MANUAL, sid,
                self.days_ago(10, 1500), activated=self.chance(0.7),
                position=rng.choice(GUEST_POSITIONS), blocked=self.chance(0.1),
            )

        # families until the school is full (duplicates are added at the end)
        families: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]] = []
        target = size - duplicates_n
        while len(self.school_users) < target:
            room = target - len(self.school_users)
            families.append(self.family(sid, classes, room))

        # statuses that concern whole families
        for parents, children in families:
            roll = rng.random()
            if roll < 0.012:  # left: pending pre-deletion
                gone = self.today - timedelta(days=rng.randint(5, 60))
                for member in parents + children:
                    member["disappearance_date"] = gone
            elif roll < 0.016:  # left long ago: pre-deleted
                pre_deleted = self.today - timedelta(days=rng.randint(5, 80))
                for member in parents + children:
                    member["disappearance_date"] = pre_deleted - timedelta(days=90)
                    member["delete_date"] = pre_deleted
            elif roll < 0.026:
                (children + parents)[0]["blocked"] = True
        # duplicates: a manual account typed again for a fed parent
        fed_parents = [p for ps, _ in families for p in ps if not p.get("disappearance_date")]
        for _ in range(duplicates_n):
            if not fed_parents:
                break
            original = rng.choice(fed_parents)
            copy = self.user(
                original["first_name"], original["last_name"], Profile.RELATIVE, Source.MANUAL, sid,
                self.days_ago(1, 300), activated=False,
            )
            original.setdefault("duplicates", []).append(Duplicate(user_id=copy["id"], score=4))
            copy["duplicates"] = [Duplicate(user_id=original["id"], score=4)]

        # memberships
        pupils = [c for _, cs in families for c in cs if c["classes"]]
        parents_active = [p for ps, _ in families for p in ps if "activation_code" not in p]
        for pupil in rng.sample(pupils, min(len(pupils), max(1, len(pupils) // 50))):
            pupil["groups"].append(rng.choice((ulis, upe2a)).id)
        for pupil in rng.sample(pupils, min(len(pupils), len(pupils) // 20)):
            pupil["groups"].append(chorale.id)
        for parent in rng.sample(parents_active, min(len(parents_active), max(1, len(parents_active) // 30))):
            parent["groups"].append(ape.id)
        director["groups"] += [ape.id, chorale.id]

        users = [user_from_draft(d) for d in self.school_users]
        self.docs += classes
        self.docs += structure_groups
        for groups in class_groups.values():
            self.docs += groups
        self.docs += [ulis, upe2a, *manual_groups]
        self.docs += links
        self.docs += self.school_extras(structure, director, teachers, families, class_groups, ape)
        return {
            "users": users,
            "director": director,
            "central": staff[0] if number == 0 else None,
        }

    def family(
        self, sid: str, classes: Sequence[SchoolClass], room: int
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """One or two parents and one to three pupils (fewer when the school is almost full)."""
        rng = self.rng
        parents_n = 1 if self.chance(0.07) else 2
        children_n = rng.choices((1, 2, 3), (0.88, 0.1, 0.02))[0]
        if room < parents_n + children_n:
            parents_n = 1 if room <= 2 else parents_n
            children_n = max(0, room - parents_n)
        father_last = rng.choice(names.LAST_NAMES)
        mother_last = father_last if self.chance(0.6) else rng.choice(names.LAST_NAMES)
        child_last = mother_last if parents_n == 1 else father_last
        activated = self.chance(0.83)
        created = datetime(self.y - rng.randint(0, 5), 9, rng.randint(3, 25), 2, rng.randint(0, 59))
        home = f"{rng.randint(1, 120)} rue des Écoles, {COMMUNES[rng.randrange(len(COMMUNES))]}"
        parents = []
        for role in ("mother", "father")[:parents_n]:
            last = mother_last if role == "mother" else father_last
            first = rng.choice(names.WOMEN if role == "mother" else names.MEN)
            active = activated if self.chance(0.85) else not activated
            p = self.user(first, last, Profile.RELATIVE, Source.AAF1D, sid, created, activated=active,
                          address=home)
            if self.chance(0.85 if active else 0.4):
                p["email"] = f"{p['login']}@{rng.choice(PARENT_MAILS)}"
            if self.chance(0.75):
                p["mobile"] = "0{} {:02d} {:02d} {:02d} {:02d}".format(
                    rng.choice("67"), *(rng.randint(0, 99) for _ in range(4))
                )
            parents.append(p)
        children = []
        for _ in range(children_n):
            school_class = rng.choice(classes)
            level = school_class.level or Level.CP
            first = rng.choice(names.GIRLS if self.chance(0.5) else names.BOYS)
            rate = 0.45 if level in YOUNG else 0.85
            c = self.user(
                first, child_last, Profile.STUDENT, Source.AAF1D, sid, created,
                activated=self.chance(rate),
                birth_date=date(self.y - LEVEL_AGE[level], rng.randint(1, 12), rng.randint(1, 28)),
                ine=self.ine(), classes=[school_class.id],
            )
            for p in parents:
                c["relatives"].append(p["id"])
                p["children"].append(c["id"])
            children.append(c)
        return parents, children

    def school_extras(
        self,
        structure: Structure,
        director: dict[str, Any],
        teachers: list[dict[str, Any]],
        families: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]],
        class_groups: dict[str, list[Group]],
        ape: Group,
    ) -> list[Doc]:
        """Flash messages, block history, reports, bookmarks and shares of one school."""
        rng, t, sid = self.rng, self.today, structure.id
        author = dict(author=director["display_name"], author_login=director["login"])
        docs: list[Doc] = [
            FlashMessage(
                id=self.new_id(), title="Rentrée : horaires",
                contents={"fr": "Accueil des élèves à 8 h 20 au portail principal."},
                start_date=t - timedelta(days=3), end_date=t + timedelta(days=10),
                profiles=(Profile.RELATIVE.value, Profile.STUDENT.value), color=FlashColor.ORANGE,
                structures=(sid,), read_count=rng.randint(50, 400), created=self.days_ago(4, 4), **author,
            ),
            FlashMessage(
                id=self.new_id(), title="Réunions de rentrée",
                contents={"fr": "Les réunions de rentrée auront lieu la semaine prochaine à 18 h."},
                start_date=t + timedelta(days=7), end_date=t + timedelta(days=14),
                profiles=(Profile.RELATIVE.value,), color=FlashColor.BLUE, structures=(sid,),
                created=self.days_ago(1, 1), **author,
            ),
            FlashMessage(
                id=self.new_id(), title="Fête de l'école",
                contents={"fr": "La fête de l'école aura lieu samedi dans la cour."},
                start_date=date(self.y, 6, 10), end_date=date(self.y, 6, 28),
                profiles=(Profile.RELATIVE.value, Profile.TEACHER.value, ADMIN_LOCAL_TARGET),
                color=FlashColor.GREEN, structures=(sid,), read_count=rng.randint(100, 500),
                created=datetime(self.y, 6, 9, 18, 20), **author,
            ),
        ]
        for action, profile, when in (
            (BlockAction.BLOCK, Profile.STUDENT, datetime(self.y, 7, 8, 17, 0)),
            (BlockAction.UNBLOCK, Profile.STUDENT, datetime(self.y, 8, 30, 9, 0)),
        ):
            docs.append(BlockTrace(
                id=self.new_id(), structure_id=sid, action=action, profile=profile,
                author_login=director["login"], author_name=director["display_name"], date=when,
                count=sum(len(cs) for _, cs in families),
            ))
        parents = [p for ps, _ in families for p in ps if "activation_code" not in p]
        if len(parents) >= 3:
            a, b, c = rng.sample(parents, 3)
            when = self.days_ago(1, 5)
            docs.append(Report(
                id=self.new_id(),
                text=f"{a['display_name']} a commenté le billet « Sortie au musée » : « Certains "
                     "parents devraient surveiller leurs enfants… »",
                resource="Blog de l'école", author_id=a["id"], author_name=a["display_name"],
                notification_date=when, structures=(sid,),
                reporters=(Reporter(user_id=b["id"], name=b["display_name"], date=when + timedelta(hours=2)),
                           Reporter(user_id=c["id"], name=c["display_name"], date=when + timedelta(hours=5))),
            ))
        colleagues = [u["id"] for u in teachers[1:6]]
        docs += [
            ShareBookmark(id=self.new_id(), owner_id=director["id"], name=f"Équipe enseignante {self.year}",
                          members=tuple(colleagues), created=self.days_ago(2, 4)),
            ShareBookmark(id=self.new_id(), owner_id=director["id"], name=f"APE {self.last_year}",
                          members=tuple(p["id"] for p in parents[:6]), created=datetime(self.y - 1, 10, 2, 20, 15)),
            ShareBookmark(id=self.new_id(), owner_id=teachers[-1]["id"], name="Sortie au musée",
                          members=(), created=datetime(self.y - 1, 3, 2, 12, 0)),
        ]
        R_, C_ = ShareRight.READ, ShareRight.COMMENT
        for teacher in teachers[1:4]:
            class_id = next(iter(teacher["classes"]), None)
            if class_id is None:
                continue
            groups = comm_defaults.by_profile(class_groups[class_id])
            docs.append(Share(
                id=self.new_id(), resource_type="blog", resource_name="Blog de la classe",
                owner_id=teacher["id"], structure_id=sid, created=self.days_ago(1, 20),
                grants=tuple(ShareGrant(target_type=ShareTargetType.GROUP, target_id=groups[p].id,
                                        rights=(R_, C_))
                             for p in (Profile.STUDENT, Profile.RELATIVE)),
            ))
        docs.append(Share(
            id=self.new_id(), resource_type="blog", resource_name=f"Bureau de l'APE {self.last_year}",
            owner_id=director["id"], structure_id=sid, created=datetime(self.y - 1, 10, 2, 20, 30),
            grants=(ShareGrant(target_type=ShareTargetType.GROUP, target_id=ape.id, rights=(R_,)),),
        ))
        return docs

