"""The demo: a commune and its two schools, with every situation the console handles.

`build_demo(today)` returns every document of every table. It is deterministic:
one `random.Random` seeded with a constant draws the data, another the ids, and
every date is computed from `today` (never from the clock), so the same `today`
gives the very same documents. The school year is the one containing `today`
(`school_year_of`); "last year" is the one before it.

What the schools hold (École élémentaire des Papillons unless said):
- ~790 accounts: ~270 pupils in classes TPS-PS A to CM2 A (+ ULIS, UPE2A),
  ~490 parents (siblings share parents, a few families have a child in each
  school), 16 teachers, 15 staff (ERUN, AESH, ATSEM…), 4 guests;
- École maternelle Les Coquelicots: 4 classes, 80 pupils, 5 teachers, ATSEM;
- the situations of the rentrée checklist (DOMAIN.md section 13): teachers who
  left, a TRS on both schools, a replacement teacher with no class, AESH of the
  PIAL who do not work here, old manual accounts, last year's manual groups,
  RESP-AFFECT-GAR missing teachers, stale / empty share bookmarks, teachers not
  yet attached to their class, a class with no pupil;
- account statuses: not activated, blocked, duplicates (Bloquant and Mineur),
  pending pre-deletion, pre-deleted;
- flash messages, block history, reports, applications, connectors, widgets,
  shares.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from entconsole.models import (
    ADMIN_LOCAL,
    ADMIN_LOCAL_TARGET,
    Application,
    BlockAction,
    BlockTrace,
    Communication,
    Connector,
    ConnectorTarget,
    Doc,
    Duplicate,
    FlashColor,
    FlashMessage,
    Group,
    GroupType,
    Level,
    Profile,
    Report,
    ReportAction,
    ReportDecision,
    Reporter,
    Role,
    SchoolClass,
    Share,
    ShareBookmark,
    ShareGrant,
    ShareRight,
    ShareTargetType,
    Source,
    Structure,
    StructureFeed,
    User,
    Widget,
)
from entconsole.seed import names
from entconsole.seed.drafts import LEVEL_AGE, SeededBuilder, user_from_draft
from entconsole.seed.drafts import make_login  # noqa: F401 (the demo's login rule, tested from here)
from entconsole.services import comm_defaults, logins
from entconsole.text import fold

SEED = 20240902  # data
ID_SEED = 19790615  # ids (separate, so adding data elsewhere does not reshuffle ids)


COMMUNE = "Bellefontaine-sur-Loire"
POSTCODE = "45990"
TEACHER_MAIL = "ac-bellefontaine.example"
PARENT_MAILS = ("courriel.example", "mail.example", "famille.example", "boite.example")
STREETS = (
    "rue des Lilas", "rue de la Mairie", "allée des Tilleuls", "rue du Moulin",
    "avenue de la Loire", "impasse des Mésanges", "rue Jean Jaurès",
    "chemin des Vignes", "place de l'Église", "rue des Écoles", "rue Pasteur",
    "résidence Les Érables", "rue du Stade", "route de Saint-Vrain",
)

# Names of the accounts built by hand (admins, duplicates, manual accounts).
RESERVED_NAMES = (
    ("Nathalie", "Vasseur"), ("Julien", "Carpentier"), ("Frédéric", "Lemoine"),
    ("Chloé", "Lefèvre"), ("Cloé", "Lefevre"), ("Julie", "Martin"), ("Noël", "Le Gall"),
    ("Yann", "Le Gall"), ("Gwenaëlle", "Le Gall"), ("Marie-Claire", "Dupont-Moreau"),
    ("Jean-Pierre", "Saint-Clair"), ("Hélène", "Bourdon"), ("Gérard", "Poulain"),
    ("Sylvie", "Arnoux"), ("Noël", "Tardif"), ("Anne-Sophie", "Kerjean"),
)
ELEMENTARY = frozenset({Level.CP, Level.CE1, Level.CE2, Level.CM1, Level.CM2})


@dataclass
class DemoData:
    docs: list[Doc]  # every document of every table, in a stable order
    default_admin: str  # login of the Papillons director


def build_demo(today: date) -> DemoData:
    """Every document of the demo, dated relative to `today`."""
    return _Builder(today).build()


# --------------------------------------------------------------------------- builder


@dataclass
class _Family:
    last_name: str  # the children's
    parents: list[dict[str, Any]] = field(default_factory=list)
    children: list[dict[str, Any]] = field(default_factory=list)
    levels: set[Level] = field(default_factory=set)
    activated: bool = True  # the usual state of the family's accounts


@dataclass
class _ClassSpec:
    name: str
    level: Level
    size: int
    levels: tuple[tuple[Level, float], ...] = ()  # mixed classes: level weights


class _Builder(SeededBuilder):
    def __init__(self, today: date) -> None:
        super().__init__(today, seed=SEED, id_seed=ID_SEED)
        self.names_used: set[tuple[str, str]] = set()
        self.users: list[dict[str, Any]] = []  # drafts, turned into User at the end
        self.classes: dict[str, SchoolClass] = {}  # "pap:CM1 A" -> class
        self.groups: list[Group] = []
        self.links: list = []
        self.families: dict[str, list[_Family]] = {}
        # names given by hand below: random draws must not make homonyms of them
        for first, last in RESERVED_NAMES:
            self.names_used.add((fold(first), fold(last)))

    # ------------------------------------------------------------------ basics

    def moment(self, start: datetime, end: datetime) -> datetime:
        """A random minute between start and end (end if they are reversed)."""
        if end <= start:
            return end
        span = int((end - start).total_seconds() // 60)
        return start + timedelta(minutes=self.rng.randint(0, span))

    def past(self, when: datetime) -> datetime:
        """`when`, or a moment just before now when it would be in the future.

        A moment of this school year stays in this school year (today may be
        its very first day).
        """
        if when <= self.now - timedelta(hours=2):
            return when
        moment = self.now - timedelta(hours=self.rng.randint(2, 30))
        start = datetime.combine(self.year_start, time())
        return max(moment, start) if when >= start else min(moment, when)

    def first_name(self, pool: Sequence[str], last_name: str) -> str:
        """A first name that makes no homonym with an existing account."""
        for _ in range(200):
            first = self.rng.choice(pool)
            if (first, last_name) in names.FORBIDDEN_COMBOS:
                continue
            if (fold(first), fold(last_name)) not in self.names_used:
                return first
        raise RuntimeError(f"no free first name for {last_name}")  # pragma: no cover

    def last_name(self) -> str:
        return self.rng.choice(names.LAST_NAMES)

    # ------------------------------------------------------------------ users

    def user(
        self,
        first: str,
        last: str,
        profile: Profile,
        source: Source,
        structures: Sequence[str],
        created: datetime,
        *,
        activated: bool,
        last_login: datetime | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        """A user draft (a dict of User fields), registered in creation order."""
        self.names_used.add((fold(first), fold(last)))
        created = self.past(created)
        if not activated:
            last_login = None
        elif last_login is None:
            day = self.moment(max(created, self.now - timedelta(days=40)), self.now)
            last_login = self.past(day.replace(hour=self.rng.randint(7, 21)))
            last_login = max(last_login, created)
        draft = self.user_draft(first, last, profile, source, structures, created, last_login=last_login)
        if self.chance(0.15):
            draft["modification_date"] = self.moment(created, self.now - timedelta(hours=1))
        draft.update(fields)
        self.users.append(draft)
        return draft

    def address(self) -> str:
        return f"{self.rng.randint(1, 120)} {self.rng.choice(STREETS)}, {POSTCODE} {COMMUNE}"

    def parent_contact(self, draft: dict[str, Any], address: str | None = None) -> None:
        """E-mail, phone and address of a parent, as ONDE gives them."""
        if self.chance(0.85 if draft.get("activation_code") is None else 0.4):
            local = draft["login"].replace(".", self.rng.choice((".", "_", ""))).rstrip("0123456789")
            if self.chance(0.3):
                local += str(self.rng.randint(1, 99))
            draft["email"] = f"{local}@{self.rng.choice(PARENT_MAILS)}"
        if self.chance(0.75):
            draft["mobile"] = "0{} {:02d} {:02d} {:02d} {:02d}".format(
                self.rng.choice("67"), *(self.rng.randint(0, 99) for _ in range(4))
            )
        draft["address"] = address or self.address()

    def staff(
        self,
        profile: Profile,
        structures: Sequence[str],
        *,
        woman: bool | None = None,
        first: str | None = None,
        last: str | None = None,
        source: Source = Source.AAF,
        created: datetime | None = None,
        activated: bool = True,
        **fields: Any,
    ) -> dict[str, Any]:
        """A teacher or staff member (adult names, birth date, academic mail)."""
        if woman is None:
            woman = self.chance(0.8 if profile == Profile.TEACHER else 0.85)
        last = last or self.last_name()
        first = first or self.first_name(names.WOMEN if woman else names.MEN, last)
        if created is None:
            created = datetime(self.y - self.rng.randint(0, 9), 8, self.rng.randint(25, 31), 3, 0)
        birth = date(self.y - self.rng.randint(24, 60), self.rng.randint(1, 12), self.rng.randint(1, 28))
        draft = self.user(
            first, last, profile, source, structures, created, activated=activated,
            birth_date=birth, **fields,
        )
        if source in (Source.AAF, Source.AAF1D) and "email" not in fields:
            draft["email"] = f"{logins.login_part(first)}.{logins.login_part(last)}@{TEACHER_MAIL}"
        return draft

    # ------------------------------------------------------------------ families

    def new_family(
        self,
        structure_id: str,
        created: datetime,
        *,
        mother: tuple[str, str] | None = None,
        father: tuple[str, str] | None = None,
        single: bool | None = None,
        activated: bool | None = None,
        **parent_fields: Any,
    ) -> _Family:
        """A family: one or two parents (Relative, AAF1D) and, later, children."""
        if single is None:
            single = self.chance(0.07)
        father_last = father[1] if father else self.last_name()
        if mother:
            mother_last = mother[1]
        elif self.chance(0.6):
            mother_last = father_last
        else:
            mother_last = self.last_name()
        if single:
            child_last = mother_last
        elif mother_last != father_last and " " not in father_last + mother_last and "-" not in (
            father_last + mother_last
        ) and self.chance(0.15):
            child_last = f"{father_last}-{mother_last}"
        else:
            child_last = father_last
        family = _Family(last_name=child_last)
        family.activated = self.chance(0.83) if activated is None else activated
        home = self.address()
        people = [("mother", mother, mother_last)]
        if not single:
            people.append(("father", father, father_last))
        for role, forced, last in people:
            if forced:
                first = forced[0]
            else:
                first = self.first_name(names.WOMEN if role == "mother" else names.MEN, last)
            # parents of one family activate (or not) mostly together
            active = family.activated
            if activated is None and self.chance(0.15):
                active = not active
            draft = self.user(
                first, last, Profile.RELATIVE, Source.AAF1D, [structure_id],
                created + timedelta(seconds=len(family.parents) + 1), activated=active,
                **parent_fields,
            )
            # most parents share a home; separated ones do not
            self.parent_contact(draft, home if self.chance(0.85) else None)
            family.parents.append(draft)
        self.families.setdefault(structure_id, []).append(family)
        return family

    def pupil(
        self,
        family: _Family,
        structure_id: str,
        level: Level,
        school_class: SchoolClass | None,
        created: datetime,
        *,
        first: str | None = None,
        birth_date: date | None = None,
        activated: bool | None = None,
        late: bool = False,
        **fields: Any,
    ) -> dict[str, Any]:
        """A pupil (Student, AAF1D, INE) of `family`, born for `level`."""
        if birth_date is None:
            year = self.y - LEVEL_AGE[level] - (1 if late else 0)
            last_month = 6 if level == Level.TPS else 12
            birth_date = date(year, self.rng.randint(1, last_month), self.rng.randint(1, 28))
        if first is None:
            first = self.first_name(names.GIRLS if self.chance(0.5) else names.BOYS, family.last_name)
        if activated is None:
            young = level in (Level.TPS, Level.PS, Level.MS, Level.GS)
            new = created.year == self.y and created.month >= 8
            rate = 0.35 if new else 0.45 if young else 0.85
            activated = self.chance(rate)
        draft = self.user(
            first, family.last_name, Profile.STUDENT, Source.AAF1D, [structure_id], created,
            activated=activated, birth_date=birth_date, ine=self.ine(), **fields,
        )
        if school_class is not None:
            draft["classes"].append(school_class.id)
        family.children.append(draft)
        family.levels.add(level)
        for parent in family.parents:
            draft["relatives"].append(parent["id"])
            parent["children"].append(draft["id"])
            if structure_id not in parent["structures"]:
                parent["structures"].append(structure_id)
            parent["creation_date"] = min(parent["creation_date"], draft["creation_date"])
        return draft

    def joined(self, level: Level, first_level: Level) -> datetime:
        """When a pupil now at `level` was created: when they entered the school."""
        order = list(Level)
        years_here = order.index(level) - order.index(first_level)
        if years_here > 0 and self.chance(0.12):  # moved in later
            years_here = self.rng.randint(0, years_here - 1)
        year = self.y - max(years_here, 0)
        return self.past(datetime(year, 9, self.rng.randint(3, 25), 2, self.rng.randint(0, 59)))

    def fill_classes(
        self,
        structure_id: str,
        key: str,
        specs: Sequence[_ClassSpec],
        first_level: Level,
        *,
        sibling_rate: float,
        other_school: str | None = None,
        preset: dict[str, int] | None = None,
    ) -> None:
        """Pupils for each class: new families, or siblings of existing ones."""
        preset = preset or {}
        for spec in specs:
            school_class = self.classes[f"{key}:{spec.name}"]
            for _ in range(spec.size - preset.get(spec.name, 0)):
                level = spec.level
                if spec.levels:
                    level = self.rng.choices(
                        [lv for lv, _ in spec.levels], [w for _, w in spec.levels]
                    )[0]
                created = self.joined(level, first_level)
                family = None
                pool: list[_Family] = []
                if other_school and level in ELEMENTARY and self.chance(0.06):
                    pool = self.families.get(other_school, [])
                elif self.chance(sibling_rate):
                    pool = self.families.get(structure_id, [])
                candidates = [
                    f for f in pool
                    if f.children and level not in f.levels and len(f.children) < 3
                    and not f.children[0].get("disappearance_date")
                ] if pool else []
                if candidates:
                    family = self.rng.choice(candidates)
                if family is None:
                    family = self.new_family(structure_id, created)
                late = level in ELEMENTARY and self.chance(0.03)
                self.pupil(family, structure_id, level, school_class, created, late=late)

    # ------------------------------------------------------------------ build

    def build(self) -> DemoData:
        self.build_structures()
        self.build_classes_and_groups()
        self.build_staff()
        self.build_pupils()
        self.build_special_accounts()
        self.build_memberships()
        users = self.finish_users()
        docs: list[Doc] = []
        docs += self.structures
        docs += list(self.classes.values())
        docs += self.groups
        docs += self.links
        docs += users
        docs += self.build_flash_messages()
        docs += self.build_block_traces()
        docs += self.build_applications()
        docs += self.build_connectors()
        docs += self.build_widgets()
        docs += self.build_reports()
        bookmarks = self.build_bookmarks()
        docs += self.build_shares(bookmarks)
        docs += bookmarks
        return DemoData(docs=docs, default_admin=self.director["login"])

    def build_structures(self) -> None:
        self.commune = Structure(
            id=self.new_id(),
            name=f"Commune de {COMMUNE}",
            external_id="COMMUNE-45990",
            feed=StructureFeed.MANUAL,
            is_school=False,
            mobile_app=True,
            created=datetime(self.y - 8, 6, 12, 10, 0),
        )
        self.pap = Structure(
            id=self.new_id(),
            name="École élémentaire des Papillons",
            default_name="ECOLE ELEMENTAIRE PUBLIQUE DES PAPILLONS",
            uai="0601234X",
            external_id="ENT-0601234X",
            parents=(self.commune.id,),
            created=datetime(self.y - 8, 6, 12, 10, 5),
        )
        self.coq = Structure(
            id=self.new_id(),
            name="École maternelle Les Coquelicots",
            default_name="ECOLE MATERNELLE PUBLIQUE LES COQUELICOTS",
            uai="0601567K",
            external_id="ENT-0601567K",
            parents=(self.commune.id,),
            mobile_app=False,
            created=datetime(self.y - 6, 6, 20, 14, 30),
        )
        self.structures = [self.commune, self.pap, self.coq]

    PAP_CLASSES = (
        _ClassSpec("TPS-PS A", Level.TPS, 23, ((Level.TPS, 0.25), (Level.PS, 0.75))),
        _ClassSpec("MS A", Level.MS, 24),
        _ClassSpec("GS A", Level.GS, 26),
        _ClassSpec("CP A", Level.CP, 22),
        _ClassSpec("CP B", Level.CP, 23),
        _ClassSpec("CP C", Level.CP, 0),  # opened for the new year, no pupil yet
        _ClassSpec("CE1 A", Level.CE1, 26),
        _ClassSpec("CE2 A", Level.CE2, 28),
        _ClassSpec("CM1 A", Level.CM1, 26),
        _ClassSpec("CM1 B", Level.CM1, 25),
        _ClassSpec("CM2 A", Level.CM2, 28),
    )
    COQ_CLASSES = (
        _ClassSpec("TPS-PS A", Level.TPS, 20, ((Level.TPS, 0.3), (Level.PS, 0.7))),
        _ClassSpec("PS-MS B", Level.PS, 20, ((Level.PS, 0.5), (Level.MS, 0.5))),
        _ClassSpec("MS-GS C", Level.MS, 20, ((Level.MS, 0.5), (Level.GS, 0.5))),
        _ClassSpec("GS D", Level.GS, 20),
    )

    def build_classes_and_groups(self) -> None:
        class_created = self.past(datetime(self.y, 9, 4, 2, 15))
        by_structure: dict[str, list[Group]] = {}
        for structure in self.structures:
            created = structure.created or self.now
            groups = comm_defaults.structure_profile_groups(structure, created, self.new_id)
            by_structure[structure.id] = groups
            self.groups += groups
        self.links += comm_defaults.structure_links(by_structure[self.commune.id], self.new_id)
        for structure, key, specs in (
            (self.pap, "pap", self.PAP_CLASSES),
            (self.coq, "coq", self.COQ_CLASSES),
        ):
            class_groups: dict[str, list[Group]] = {}
            for spec in specs:
                school_class = SchoolClass(
                    id=self.new_id(),
                    structure_id=structure.id,
                    name=spec.name,
                    level=spec.level,
                    external_id=f"{structure.uai}${spec.name}",
                    school_year=self.year,
                )
                self.classes[f"{key}:{spec.name}"] = school_class
                groups = comm_defaults.class_profile_groups(school_class, class_created, self.new_id)
                class_groups[school_class.id] = groups
                self.groups += groups
            self.links += comm_defaults.default_links(
                by_structure[structure.id], class_groups, self.new_id
            )
            self.links += comm_defaults.commune_links(
                by_structure[self.commune.id], by_structure[structure.id], self.new_id
            )
        self.structure_groups = {
            sid: comm_defaults.by_profile(groups) for sid, groups in by_structure.items()
        }
        self.class_groups = {
            g.class_id: {} for g in self.groups if g.class_id is not None
        }
        for g in self.groups:
            if g.class_id is not None and g.profile is not None:
                self.class_groups[g.class_id][g.profile] = g

        # teaching groups and manual groups
        def group(
            name: str, structure: Structure, gtype: GroupType, created: datetime, **kw: Any
        ) -> Group:
            g = Group(id=self.new_id(), name=name, type=gtype, structure_id=structure.id,
                      created=created, modified=kw.pop("modified", created), **kw)
            self.groups.append(g)
            return g

        self.ulis = group("ULIS", self.pap, GroupType.TEACHING, class_created)
        self.upe2a = group("UPE2A", self.pap, GroupType.TEACHING, class_created)
        self.gar_pap = group(
            "RESP-AFFECT-GAR", self.pap, GroupType.MANUAL, datetime(self.y - 4, 11, 18, 6, 0),
            lock_delete=True, internal_communication=Communication.NONE,
        )
        self.gar_coq = group(
            "RESP-AFFECT-GAR", self.coq, GroupType.MANUAL, datetime(self.y - 4, 11, 18, 6, 0),
            lock_delete=True, internal_communication=Communication.NONE,
        )
        director_name = "Vasseur Nathalie"  # the Papillons director, created below
        self.ape_last = self._manual(
            f"APE {self.last_year}", self.pap, datetime(self.y - 1, 9, 19, 17, 40), director_name
        )
        self.besoins_last = self._manual(
            "Groupe de besoins CE1", self.pap, datetime(self.y - 1, 11, 6, 12, 10), director_name
        )
        self.chorale = self._manual(
            f"Chorale {self.year}", self.pap, self.past(datetime(self.y, 9, 6, 16, 45)), director_name
        )
        self.jardin_last = self._manual(
            f"Projet jardin {self.last_year}", self.coq, datetime(self.y - 1, 3, 14, 13, 0),
            "Lemoine Frédéric",
        )

    def _manual(self, name: str, structure: Structure, created: datetime, by: str) -> Group:
        g = comm_defaults.manual_group(name, structure.id, created, created_by=by, new_id=self.new_id)
        self.groups.append(g)
        return g

    # ------------------------------------------------------------------ staff

    def cls(self, key: str) -> str:
        return self.classes[key].id

    def build_staff(self) -> None:
        pap, coq = self.pap.id, self.coq.id
        rentree_staff = self.past(datetime(self.y, 8, 27, 3, 0))
        T = Profile.TEACHER
        # the two local administrators first: they keep clean logins
        self.director = self.staff(
            T, [pap], woman=True, first="Nathalie", last="Vasseur", position="Directrice",
            home_structure=pap, created=datetime(self.y - 7, 8, 29, 3, 0),
            functions={ADMIN_LOCAL: (pap,)}, last_login=self.now - timedelta(hours=15),
        )
        self.director["classes"].append(self.cls("pap:CM2 A"))
        self.erun = self.staff(
            Profile.PERSONNEL, [pap, coq], woman=False, first="Julien", last="Carpentier",
            position="ERUN", created=datetime(self.y - 5, 8, 30, 3, 0),
            functions={ADMIN_LOCAL: (pap, coq)},
        )
        # Papillons teachers: class teachers, some not yet attached (classes=())
        self.teachers: dict[str, dict[str, Any]] = {}
        for name in ("TPS-PS A", "MS A", "GS A", "CP A", "CP B", "CE1 A", "CE2 A", "CM1 A", "CM1 B"):
            attached = name not in ("CE1 A", "CM1 B")  # their class already holds pupils
            t = self.staff(T, [pap], position="Professeur des écoles", home_structure=pap)
            if attached:
                t["classes"].append(self.cls(f"pap:{name}"))
            self.teachers[name] = t
        self.teachers["CP C"] = self.staff(  # CP C holds no pupil: cannot be attached yet
            T, [pap], position="PES", home_structure=pap, created=rentree_staff, activated=False,
        )
        self.teachers["ULIS"] = self.staff(
            T, [pap], woman=True, position="Coordonnatrice ULIS", home_structure=pap,
            groups=[self.ulis.id],
        )
        self.trs = self.staff(  # décharges of both directors
            T, [pap, coq], position="TRS", home_structure=pap,
            classes=[self.cls("pap:CM2 A"), self.cls("coq:GS D")],
        )
        self.replacement = self.staff(  # home school here, no class: must not look "left"
            T, [pap], woman=False, position="Brigade", home_structure=pap, created=rentree_staff,
        )
        # left for the maternelle: feed attached the new school, the old one stays
        self.left_to_coq = self.staff(
            T, [pap, coq], position="Professeur des écoles", home_structure=coq,
            classes=[self.cls("coq:MS-GS C")], created=datetime(self.y - 6, 8, 28, 3, 0),
        )
        # left the district: still attached here, no class, no home school
        self.left_away = self.staff(
            T, [pap], position="Professeur des écoles", home_structure=None,
            created=datetime(self.y - 4, 8, 28, 3, 0),
            last_login=self.moment(datetime(self.y, 6, 1), datetime(self.y, 7, 4)),
        )
        # Coquelicots teachers
        self.coq_director = self.staff(
            T, [coq], woman=False, first="Frédéric", last="Lemoine", position="Directeur",
            home_structure=coq, classes=[self.cls("coq:GS D")],
            created=datetime(self.y - 6, 8, 29, 3, 0),
        )
        for name in ("TPS-PS A", "PS-MS B"):
            self.staff(T, [coq], position="Professeur des écoles", home_structure=coq,
                       classes=[self.cls(f"coq:{name}")])

        # Personnel: AESH of the PIAL (some work here, some do not), ATSEM, others
        P = Profile.PERSONNEL
        self.aesh_here = [
            self.staff(P, [pap], position="AESH", groups=[self.ulis.id], created=rentree_staff),
            self.staff(P, [pap, coq], position="AESH", groups=[self.ulis.id]),
            self.staff(P, [pap], position="AESH", classes=[self.cls("pap:CM1 A")]),
        ]
        self.aesh_elsewhere = [
            self.staff(P, [pap], position="AESH", created=rentree_staff, activated=False),
            self.staff(P, [pap, coq], position="AESH", classes=[self.cls("coq:PS-MS B")]),
            self.staff(P, [pap], position="AESH", activated=False),
        ]
        for name in ("TPS-PS A", "MS A", "GS A"):
            self.staff(P, [pap], woman=True, position="ATSEM", source=Source.MANUAL,
                       classes=[self.cls(f"pap:{name}")], email=None,
                       created=datetime(self.y - self.rng.randint(1, 6), 9, 10, 14, 0))
        for name in ("TPS-PS A", "PS-MS B", "MS-GS C", "GS D"):
            self.staff(P, [coq], woman=True, position="ATSEM", source=Source.MANUAL,
                       classes=[self.cls(f"coq:{name}")], email=None,
                       created=datetime(self.y - self.rng.randint(1, 6), 9, 12, 9, 0))
        self.staff(P, [pap, coq], woman=True, position="Psychologue de l'Éducation nationale")
        self.staff(P, [pap], woman=True, position="Secrétaire", source=Source.MANUAL, email=None,
                   created=datetime(self.y - 1, 10, 2, 10, 0))
        # old manual accounts: one activated long ago, one never activated
        self.elco = self.staff(
            P, [pap], woman=False, position="ELCO", source=Source.MANUAL, email=None,
            created=datetime(self.y - 3, 10, 8, 11, 20),
            last_login=datetime(self.y - 2, 3, 21, 18, 5),
        )
        self.old_animator = self.staff(
            P, [pap], woman=True, position="Animatrice périscolaire", source=Source.MANUAL,
            email=None, created=datetime(self.y - 2, 9, 15, 16, 30), activated=False,
        )
        self.staff(P, [pap], position="Service civique", source=Source.MANUAL, email=None,
                   created=self.past(datetime(self.y, 9, 5, 10, 0)), activated=False)

    # ------------------------------------------------------------------ pupils

    def build_pupils(self) -> None:
        pap, coq = self.pap.id, self.coq.id
        # explicit families first (their names are fixed by the situations)
        preset: dict[str, int] = {}

        def count(name: str) -> None:
            preset[name] = preset.get(name, 0) + 1

        # Mineur duplicate: "Lefèvre Chloé" (ONDE) vs "Lefevre Cloé" (manual, typo)
        self.lefevre = self.new_family(
            pap, datetime(self.y - 3, 9, 4, 2, 0), mother=("Chloé", "Lefèvre"), activated=True
        )
        self.pupil(self.lefevre, pap, Level.CE2, self.classes["pap:CE2 A"],
                   datetime(self.y - 2, 9, 4, 2, 0), activated=True)
        count("CE2 A")
        # homonym parents "Martin Julie" in two families (score 4)
        self.martin_a = self.new_family(
            pap, datetime(self.y - 2, 9, 4, 2, 0), mother=("Julie", "Martin"), activated=True
        )
        self.pupil(self.martin_a, pap, Level.CM1, self.classes["pap:CM1 A"],
                   datetime(self.y - 3, 9, 4, 2, 0), activated=True)
        count("CM1 A")
        martin_b_created = self.past(datetime(self.y, 9, 5, 2, 0))
        self.martin_b = self.new_family(
            pap, martin_b_created, mother=("Julie", "Martin"), single=True, activated=False
        )
        self.pupil(self.martin_b, pap, Level.GS, self.classes["pap:GS A"], martin_b_created,
                   activated=False)
        self.martin_b.parents[0]["email"] = None  # homonyms: only the names match
        count("GS A")
        # Bloquant duplicate: a pupil created by hand in June, then fed by ONDE
        birth = date(self.y - 6, 3, 14)
        self.manual_pupil = self.user(
            "Noël", "Le Gall", Profile.STUDENT, Source.MANUAL, [pap],
            datetime(self.y, 6, 20, 15, 40), activated=True, birth_date=birth,
            last_login=self.moment(datetime(self.y, 6, 25), datetime(self.y, 7, 3)),
            classes=[self.cls("pap:CP A")],
        )
        legall_created = self.past(datetime(self.y, 9, 6, 2, 0))
        self.legall = self.new_family(
            pap, legall_created, father=("Yann", "Le Gall"), mother=("Gwenaëlle", "Le Gall"),
            activated=False,
        )
        self.onde_pupil = self.pupil(
            self.legall, pap, Level.CP, self.classes["pap:CP A"], legall_created,
            first="Noël", birth_date=birth, activated=False,
        )
        count("CP A")
        # a pupil in a foster family: one legal guardian + a manual famille d'accueil
        self.foster = self.new_family(pap, datetime(self.y - 1, 9, 4, 2, 0), single=True)
        self.foster_pupil = self.pupil(
            self.foster, pap, Level.CE1, self.classes["pap:CE1 A"], datetime(self.y - 1, 9, 4, 2, 0),
        )
        count("CE1 A")

        # the maternelle first (its families get younger siblings in the élémentaire)
        self.fill_classes(coq, "coq", self.COQ_CLASSES, Level.TPS, sibling_rate=0.06)
        self.fill_classes(
            pap, "pap", self.PAP_CLASSES, Level.TPS, sibling_rate=0.05, other_school=coq,
            preset=preset,
        )
        self.build_departures()

    def build_departures(self) -> None:
        """Families who left: pending pre-deletion, and pre-deleted 90 days later."""
        pap = self.pap.id
        for n in range(9):
            gone = self.today - timedelta(days=self.rng.randint(10, 40))
            family = self.new_family(
                pap, datetime(self.y - 4, 9, 4, 2, 0), activated=self.chance(0.8)
            )
            if n % 3 == 0:
                levels = [Level.CM2, Level.CE1]
            else:
                levels = [self.rng.choice([Level.CM2, Level.CE2, Level.CP])]
            for i, level in enumerate(levels):
                # former CM2 pupils went to the collège: no class this year
                former_cm2 = level == Level.CM2
                names_ = [s.name for s in self.PAP_CLASSES if s.level == level and s.size]
                school_class = None if former_cm2 else self.classes[f"pap:{self.rng.choice(names_)}"]
                self.pupil(
                    family, pap, level, school_class, datetime(self.y - 3 + i, 9, 4, 2, 0),
                    late=former_cm2, activated=self.chance(0.8),
                )
            for member in family.parents + family.children:
                member["disappearance_date"] = gone
        for n in range(3):
            pre_deleted = self.today - timedelta(days=self.rng.randint(5, 60))
            family = self.new_family(pap, datetime(self.y - 5, 9, 4, 2, 0), activated=True)
            pupil = self.pupil(family, pap, Level.CM1, None, datetime(self.y - 5, 9, 4, 2, 0),
                               activated=True)
            groups = [self.besoins_last.id] if n == 0 else []
            pupil["saved_links"] = {"classes": (), "groups": tuple(groups)}
            for member in family.parents + family.children:
                member["disappearance_date"] = pre_deleted - timedelta(days=90)
                member["delete_date"] = pre_deleted
                if member.get("last_login"):
                    last_seen = datetime.combine(pre_deleted - timedelta(days=95), time(19))
                    member["last_login"] = self.moment(member["creation_date"], last_seen)
                member.setdefault("saved_links", {"classes": (), "groups": ()})
        self.departed = [
            f for f in self.families[pap] if f.children and f.children[0].get("disappearance_date")
        ]

    # ------------------------------------------------------------------ special accounts

    def build_special_accounts(self) -> None:
        pap, coq = self.pap.id, self.coq.id
        R, G = Profile.RELATIVE, Profile.GUEST
        # famille d'accueil, created by hand for the foster pupil
        self.foster_parent = self.user(
            "Marie-Claire", "Dupont-Moreau", R, Source.MANUAL, [pap],
            datetime(self.y - 1, 9, 20, 9, 30), activated=True, position="Famille d'accueil",
        )
        self.parent_contact(self.foster_parent)
        self.foster_parent["children"].append(self.foster_pupil["id"])
        self.foster_pupil["relatives"].append(self.foster_parent["id"])
        self.foster.parents.append(self.foster_parent)
        # old manual parent account (litige parental, three years ago), child long gone
        self.user(
            "Jean-Pierre", "Saint-Clair", R, Source.MANUAL, [pap], datetime(self.y - 3, 1, 15, 11, 0),
            activated=True, last_login=datetime(self.y - 2, 5, 3, 20, 12),
        )
        # Mineur duplicate: manual account created with a typo before ONDE's
        self.typo_parent = self.user(
            "Cloé", "Lefevre", R, Source.MANUAL, [pap], datetime(self.y - 3, 8, 30, 10, 0),
            activated=False,
        )
        # guests
        self.musician = self.user(
            "Hélène", "Bourdon", G, Source.MANUAL, [pap], self.past(datetime(self.y, 9, 3, 14, 0)),
            activated=True, position="Intervenante extérieure (musique)",
            email="helene.bourdon@musique.example",
        )
        self.user(
            "Gérard", "Poulain", G, Source.MANUAL, [pap], datetime(self.y - 4, 1, 9, 10, 0),
            activated=False, position="Bénévole bibliothèque",
        )
        self.theatre = self.user(
            "Sylvie", "Arnoux", G, Source.MANUAL, [pap], datetime(self.y - 2, 10, 3, 9, 0),
            activated=True, position="Intervenante théâtre", blocked=True,
            last_login=datetime(self.y - 1, 4, 11, 17, 30),
        )
        pre_deleted = self.today - timedelta(days=21)
        self.chess = self.user(
            "Noël", "Tardif", G, Source.MANUAL, [pap], datetime(self.y - 2, 9, 28, 9, 0),
            activated=True, position="Animateur club d'échecs", delete_date=pre_deleted,
            last_login=datetime(self.y - 1, 6, 12, 12, 45),
            saved_links={"classes": (), "groups": (self.besoins_last.id,)},
        )
        self.user(
            "Anne-Sophie", "Kerjean", G, Source.MANUAL, [coq], datetime(self.y - 1, 1, 20, 9, 0),
            activated=True, position="Intervenante conte",
        )
        # duplicates, recorded on both sides
        self.duplicate(self.manual_pupil, self.onde_pupil, 5)  # name, first name, birth date
        mother_a = next(p for p in self.martin_a.parents if p["first_name"] == "Julie")
        mother_b = next(p for p in self.martin_b.parents if p["first_name"] == "Julie")
        self.duplicate(mother_a, mother_b, 4)  # homonyms: name and first name
        chloe = next(p for p in self.lefevre.parents if p["first_name"] == "Chloé")
        self.duplicate(chloe, self.typo_parent, 3)  # Mineur: same last name only
        # blocked accounts
        self.pupils_of("pap:CM2 A")[3]["blocked"] = True  # at the parents' request
        self.pupils_of("pap:CE2 A")[5]["blocked"] = True
        self.report_author = next(
            p for f in self.families[pap][20:] for p in f.parents
            if p.get("activation_code") is None and not p.get("disappearance_date")
        )
        self.report_author["blocked"] = True  # crisis procedure after a deleted notification
        self.departed[1].parents[0]["blocked"] = True

    def duplicate(self, a: dict[str, Any], b: dict[str, Any], score: int) -> None:
        a.setdefault("duplicates", []).append(Duplicate(user_id=b["id"], score=score))
        b.setdefault("duplicates", []).append(Duplicate(user_id=a["id"], score=score))

    def pupils_of(self, key: str) -> list[dict[str, Any]]:
        class_id = self.cls(key)
        return [
            u for u in self.users
            if u["profile"] == Profile.STUDENT and class_id in u["classes"]
            and u["source"] == Source.AAF1D and not u.get("disappearance_date")
        ]

    # ------------------------------------------------------------------ memberships

    def build_memberships(self) -> None:
        pap = self.pap.id
        rng = self.rng

        def add(users: Sequence[dict[str, Any]], group: Group) -> None:
            for u in users:
                if group.id not in u["groups"]:
                    u["groups"].append(group.id)

        elementary = [f"pap:{n}" for n in ("CE1 A", "CE2 A", "CM1 A", "CM1 B", "CM2 A")]
        ulis_pupils = [rng.choice(self.pupils_of(key)) for key in elementary for _ in range(2)]
        add(ulis_pupils, self.ulis)
        add(rng.sample(self.pupils_of("pap:CE1 A") + self.pupils_of("pap:CM1 B"), 3), self.upe2a)
        # last year's CE1 needs group: now in CE2
        add(rng.sample(self.pupils_of("pap:CE2 A"), 8) + [self.teachers["CE2 A"]], self.besoins_last)
        # this year's chorale
        chorale = rng.sample(
            self.pupils_of("pap:CM1 A") + self.pupils_of("pap:CM1 B") + self.pupils_of("pap:CM2 A"), 14
        )
        add(chorale + [self.teachers["CM1 A"], self.musician], self.chorale)
        # last year's APE: parents, one of whom has left since
        here = [
            p for f in self.families[pap] for p in f.parents
            if not p.get("disappearance_date") and not p.get("activation_code")
        ]
        self.ape_members = rng.sample(here, 8) + [self.departed[0].parents[0], self.director]
        add(self.ape_members, self.ape_last)
        # RESP-AFFECT-GAR: some teachers only (and one who left)
        gar = [self.director, self.left_away] + [
            self.teachers[n] for n in ("TPS-PS A", "MS A", "GS A", "CP A", "CE2 A")
        ]
        add(gar, self.gar_pap)
        add([self.coq_director], self.gar_coq)
        coq_parents = [p for f in self.families[self.coq.id] for p in f.parents]
        add(rng.sample(coq_parents, 5) + [self.coq_director], self.jardin_last)

    def finish_users(self) -> list[User]:
        return [user_from_draft(draft) for draft in self.users]

    # ------------------------------------------------------------------ other tables

    def profile_group(self, structure: Structure, profile: Profile) -> str:
        return self.structure_groups[structure.id][profile].id

    def build_flash_messages(self) -> list[FlashMessage]:
        d = self.director
        author = dict(author=d["display_name"], author_login=d["login"])
        t = self.today
        flash = [
            FlashMessage(
                id=self.new_id(), title="Fête de l'école",
                contents={"fr": "La fête de l'école aura lieu samedi de 10 h à 16 h dans la cour. "
                                "Venez nombreux !"},
                start_date=date(self.y, 6, 10), end_date=date(self.y, 6, 28),
                profiles=(Profile.RELATIVE.value, Profile.STUDENT.value, Profile.TEACHER.value),
                color=FlashColor.GREEN, structures=(self.pap.id,), read_count=412,
                created=datetime(self.y, 6, 9, 18, 20), **author,
            ),
            FlashMessage(
                id=self.new_id(), title="Rentrée : horaires",
                contents={"fr": "Bienvenue à tous ! Accueil des élèves à 8 h 20 au portail "
                                "principal. Les listes des classes sont affichées sous le préau."},
                start_date=t - timedelta(days=3), end_date=t + timedelta(days=10),
                profiles=(Profile.RELATIVE.value, Profile.STUDENT.value),
                color=FlashColor.ORANGE, structures=(self.pap.id,), read_count=268,
                created=self.days_ago(4, 4), mail_notification=True, **author,
            ),
            FlashMessage(
                id=self.new_id(), title="Réunions de rentrée",
                contents={"fr": "Les réunions de rentrée avec les enseignants auront lieu la "
                                "semaine prochaine à 18 h dans chaque classe."},
                start_date=t + timedelta(days=7), end_date=t + timedelta(days=14),
                profiles=(Profile.RELATIVE.value,), color=FlashColor.BLUE,
                structures=(self.pap.id,), created=self.days_ago(1, 1), **author,
            ),
            FlashMessage(
                id=self.new_id(), title="Bascule ONDE",
                contents={"fr": "La bascule ONDE est faite : pensez à rattacher chaque enseignant "
                                "à sa classe et à compléter le groupe RESP-AFFECT-GAR."},
                start_date=t - timedelta(days=2), end_date=t + timedelta(days=12),
                profiles=(ADMIN_LOCAL_TARGET,), color=FlashColor.GREY_DARK,
                structures=(self.pap.id, self.coq.id), read_count=2,
                author=self.erun["display_name"], author_login=self.erun["login"],
                created=self.days_ago(2, 2),
            ),
            FlashMessage(
                id=self.new_id(), title="Sortie au théâtre (annulée)",
                contents={"fr": "La sortie au théâtre du jeudi est annulée en raison de la grève."},
                start_date=t - timedelta(days=40), end_date=t - timedelta(days=38),
                profiles=(Profile.RELATIVE.value, Profile.TEACHER.value), color=FlashColor.RED,
                structures=(self.pap.id,), read_count=187, created=self.days_ago(41, 41),
                modified=self.days_ago(40, 40), modified_by=d["display_name"], **author,
            ),
            FlashMessage(
                id=self.new_id(), title="Photos de classe",
                contents={"fr": "Le photographe passera mardi matin : merci de prévoir une tenue "
                                "adaptée."},
                start_date=t - timedelta(days=1), end_date=t + timedelta(days=5),
                profiles=(Profile.RELATIVE.value,), color=FlashColor.RED,
                structures=(self.coq.id,), read_count=41,
                author=self.erun["display_name"], author_login=self.erun["login"],
                created=self.days_ago(1, 1),
            ),
        ]
        return flash

    def build_block_traces(self) -> list[BlockTrace]:
        pap = self.pap.id
        n = {p: sum(1 for u in self.users if u["profile"] == p and pap in u["structures"])
             for p in (Profile.STUDENT, Profile.RELATIVE)}
        traces = []
        for year, block_day, unblock_day, scale in (
            (self.y - 1, 4, 4, 0.97),
            (self.y, 5, 2, 1.0),
        ):
            block_at = datetime(year, 7, block_day, 17, 40)
            unblock_at = self.past(datetime(year, 9, unblock_day, 8, 10))
            for action, when in ((BlockAction.BLOCK, block_at), (BlockAction.UNBLOCK, unblock_at)):
                for i, profile in enumerate((Profile.RELATIVE, Profile.STUDENT)):
                    traces.append(BlockTrace(
                        id=self.new_id(), structure_id=pap, action=action, profile=profile,
                        author_login=self.director["login"], author_name=self.director["display_name"],
                        date=when + timedelta(minutes=i), count=int(n[profile] * scale),
                    ))
        return traces

    def build_applications(self) -> list[Application]:
        schools = (self.pap, self.coq)

        def groups(*profiles: Profile) -> tuple[str, ...]:
            return tuple(self.profile_group(s, p) for s in schools for p in profiles)

        T, S, R, P, G = (Profile.TEACHER, Profile.STUDENT, Profile.RELATIVE, Profile.PERSONNEL,
                         Profile.GUEST)
        everyone = (T, S, R, P, G)

        def app(name: str, display: str, address: str, icon: str, roles: list[tuple[str, tuple]],
                pupil_creation: bool = False) -> Application:
            return Application(
                id=self.new_id(), name=name, display_name=display, address=address, icon=icon,
                pupil_creation=pupil_creation,
                roles=tuple(Role(id=self.new_id(), name=r, groups=g) for r, g in roles),
            )

        return [
            app("Conversation", "Messagerie", "/conversation/conversation", "conversation-large",
                [("Messagerie - Utilisation", groups(*everyone))], pupil_creation=True),
            app("Scrapbook", "Cahier multimédia", "/scrapbook", "scrapbook-large",
                [("Cahier multimédia - Création", groups(T, P, S)),
                 ("Cahier multimédia - Lecture", groups(R, G))], pupil_creation=True),
            app("Workspace", "Espace documentaire", "/workspace/workspace", "workspace-large",
                [("Espace documentaire - Création", groups(T, P, S, R)),
                 ("Espace documentaire - Lecture", groups(G))], pupil_creation=True),
            app("Blog", "Blog", "/blog", "blog-large",
                [("Blog - Création", groups(T, P)), ("Blog - Lecture", groups(S, R, G))]),
            app("Actualites", "Actualités", "/actualites", "actualites-large",
                [("Actualités - Publication", groups(T, P)), ("Actualités - Lecture", groups(S, R))]),
            app("Calendar", "Agenda", "/calendar", "calendar-large",
                [("Agenda - Création", groups(T, P)), ("Agenda - Lecture", groups(S, R, G))]),
            app("Diary", "Cahier de textes", "/diary", "diary-large",
                [("Cahier de textes - Gestion", groups(T)), ("Cahier de textes - Lecture", groups(S, R))]),
            app("Schoolbook", "Carnet de liaison", "/schoolbook", "schoolbook-large",
                [("Carnet de liaison - Enseignant", groups(T, P)),
                 ("Carnet de liaison - Parent", groups(R))]),
            app("CollaborativeWall", "Mur collaboratif", "/collaborativewall", "collaborativewall-large",
                [("Mur collaboratif - Création", ()), ("Mur collaboratif - Lecture", groups(T, S))]),
            app("Directory", "Annuaire", "/userbook/annuaire", "userbook-large",
                [("Annuaire - Consultation", groups(*everyone))]),
        ]

    def build_connectors(self) -> list[Connector]:
        pap, coq = self.pap, self.coq
        T, S, R, P = Profile.TEACHER, Profile.STUDENT, Profile.RELATIVE, Profile.PERSONNEL

        def grp(s: Structure, *profiles: Profile) -> tuple[str, ...]:
            return tuple(self.profile_group(s, p) for p in profiles)

        out = []
        for s in (pap, coq):
            out.append(Connector(
                id=self.new_id(), identifier="portail-commune", display_name="Portail de la commune",
                url="https://www.bellefontaine-sur-loire.example/", icon="commune",
                target=ConnectorTarget.NEW_PAGE, structure_id=s.id, inherited=True,
                groups=grp(s, T, R, P),
            ))
            out.append(Connector(
                id=self.new_id(), identifier="restauration-scolaire",
                display_name="Restauration scolaire",
                url="https://cantine.bellefontaine-sur-loire.example/portail-familles",
                icon="cantine", target=ConnectorTarget.NEW_PAGE, structure_id=s.id,
                groups=grp(s, R, T, P),
            ))
        out += [
            Connector(
                id=self.new_id(), identifier="gar-mediacentre", display_name="Médiacentre (GAR)",
                url="https://gar.education.example/ressources", icon="gar", structure_id=pap.id,
                target=ConnectorTarget.NEW_PAGE, locked=True, groups=grp(pap, T, S),
            ),
            Connector(
                id=self.new_id(), identifier="bibliotheque-numerique",
                display_name="Bibliothèque numérique", url="https://biblio.lecture-jeunesse.example/",
                icon="bibliotheque", structure_id=pap.id, target=ConnectorTarget.IFRAME,
                cas_type="UidRegisteredServices", cas_pattern="https://biblio.lecture-jeunesse.example/.*",
                groups=grp(pap, T, S),
            ),
            Connector(
                id=self.new_id(), identifier="lire-en-ligne", display_name="Lire en ligne",
                url="https://lire-en-ligne.example/connexion", structure_id=pap.id,
                oauth_client_id="lire-en-ligne-papillons", oauth_secret="demo-secret-0601234X",
                oauth_scope="userinfo", oauth_grant_type="authorization_code",
                oauth_transfer_session=False, groups=(),
            ),
        ]
        return out

    def build_widgets(self) -> list[Widget]:
        schools = (self.pap, self.coq)

        def groups(*profiles: Profile) -> tuple[str, ...]:
            return tuple(self.profile_group(s, p) for s in schools for p in profiles)

        T, S, R, P = Profile.TEACHER, Profile.STUDENT, Profile.RELATIVE, Profile.PERSONNEL
        return [
            Widget(id=self.new_id(), name="mood", display_name="Mon humeur", groups=groups(S)),
            Widget(id=self.new_id(), name="carnet-de-bord", display_name="Carnet de bord",
                   groups=groups(R)),
            Widget(id=self.new_id(), name="agenda-widget", display_name="Agenda",
                   groups=groups(T, S, R, P)),
            Widget(id=self.new_id(), name="last-infos-widget", display_name="Dernières actualités",
                   groups=groups(T, S, R, P), pinned_structures=(self.pap.id,)),
            Widget(id=self.new_id(), name="birthday", display_name="Anniversaires", groups=()),
        ]

    def build_reports(self) -> list[Report]:
        pap = self.pap.id
        parents = [
            p for f in self.families[pap] for p in f.parents
            if p.get("activation_code") is None and not p.get("disappearance_date")
            and p is not self.report_author
        ]
        r1, r2, r3, r4 = parents[3], parents[10], parents[17], parents[30]
        pupil = self.pupils_of("pap:CM2 A")[7]
        teacher = self.teachers["CM1 A"]

        def reporter(u: dict[str, Any], when: datetime) -> Reporter:
            return Reporter(user_id=u["id"], name=u["display_name"], date=when)

        def decision(action: ReportAction, when: datetime) -> ReportDecision:
            return ReportDecision(action=action, by_login=self.director["login"],
                                  by_name=self.director["display_name"], date=when)

        n1 = self.days_ago(1, 1)
        n2 = self.days_ago(3, 3)
        n3 = self.days_ago(19, 19)
        n4 = self.days_ago(33, 33)
        return [
            Report(
                id=self.new_id(),
                text=f"{r3['display_name']} a commenté le billet « Sortie au musée » : « Certains "
                     "parents devraient surveiller ce que font leurs enfants, on sait très bien "
                     "de qui on parle… »",
                resource="Blog de la classe CM1 A", author_id=r3["id"], author_name=r3["display_name"],
                notification_date=n1, structures=(pap,),
                reporters=(reporter(r1, n1 + timedelta(hours=2)), reporter(r2, n1 + timedelta(hours=5))),
            ),
            Report(
                id=self.new_id(),
                text=f"{pupil['display_name']} a ajouté une page au cahier multimédia « Nos "
                     "vacances » : « Les CM1 c'est tous des nuls »",
                resource="Cahier multimédia CM2 A", author_id=pupil["id"],
                author_name=pupil["display_name"], notification_date=n2, structures=(pap,),
                reporters=(reporter(r4, n2 + timedelta(hours=20)),),
            ),
            Report(
                id=self.new_id(),
                text=f"{teacher['display_name']} a publié le billet « Photos de la classe "
                     "découverte » dans le blog « Blog de la classe CM1 A »",
                resource="Blog de la classe CM1 A", author_id=teacher["id"],
                author_name=teacher["display_name"], notification_date=n3, structures=(pap,),
                reporters=(reporter(r2, n3 + timedelta(hours=3)),),
                decision=decision(ReportAction.KEEP, n3 + timedelta(days=1)),
            ),
            Report(
                id=self.new_id(),
                text=f"{self.report_author['display_name']} a publié l'actualité « Info parents » : "
                     "« Partagez un maximum : la maîtresse des CP est incompétente !!! »",
                resource="Actualités de l'école", author_id=self.report_author["id"],
                author_name=self.report_author["display_name"], notification_date=n4,
                structures=(pap,),
                reporters=(
                    reporter(r1, n4 + timedelta(hours=1)),
                    reporter(r3, n4 + timedelta(hours=1, minutes=20)),
                    reporter(r4, n4 + timedelta(hours=3)),
                ),
                history=(decision(ReportAction.KEEP, n4 + timedelta(hours=4)),),
                decision=decision(ReportAction.DELETE, n4 + timedelta(hours=9)),
            ),
        ]

    def build_bookmarks(self) -> list[ShareBookmark]:
        d = self.director
        colleagues = [self.teachers[n] for n in ("CE2 A", "CM1 B", "ULIS")]
        attached_teachers = [
            u for u in self.users
            if u["profile"] == Profile.TEACHER and u.get("home_structure") == self.pap.id
            and u is not d
        ]
        self.bookmark_ape = ShareBookmark(
            id=self.new_id(), owner_id=d["id"], name=f"APE {self.last_year}",
            members=tuple(u["id"] for u in self.ape_members if u is not d),
            created=datetime(self.y - 1, 10, 2, 20, 15),
        )
        return [
            self.bookmark_ape,
            ShareBookmark(  # stale: someone who left, a pre-deleted guest
                id=self.new_id(), owner_id=self.teachers["CM1 A"]["id"], name="Collègues cycle 3",
                members=tuple(u["id"] for u in colleagues + [self.left_away, self.chess]),
                created=datetime(self.y - 2, 9, 15, 18, 0),
            ),
            ShareBookmark(  # empty
                id=self.new_id(), owner_id=self.teachers["CE2 A"]["id"], name="Sortie au musée",
                members=(), created=datetime(self.y - 1, 3, 2, 12, 0),
            ),
            ShareBookmark(  # fine: this year's team
                id=self.new_id(), owner_id=d["id"], name=f"Équipe enseignante {self.year}",
                members=tuple(u["id"] for u in attached_teachers)
                + (self.profile_group(self.pap, Profile.PERSONNEL),),
                created=self.past(datetime(self.y, 9, 3, 19, 0)),
            ),
        ]

    def build_shares(self, bookmarks: list[ShareBookmark]) -> list[Share]:
        pap = self.pap.id
        R_, C_, M_ = ShareRight.READ, ShareRight.COMMENT, ShareRight.MANAGER
        CO = ShareRight.CONTRIB

        def g(target: str, *rights: ShareRight) -> ShareGrant:
            return ShareGrant(target_type=ShareTargetType.GROUP, target_id=target, rights=rights)

        def u(target: dict[str, Any], *rights: ShareRight) -> ShareGrant:
            return ShareGrant(target_type=ShareTargetType.USER, target_id=target["id"], rights=rights)

        def cg(key: str, profile: Profile) -> str:
            return self.class_groups[self.cls(key)][profile].id

        S, R = Profile.STUDENT, Profile.RELATIVE
        t = self.teachers
        return [
            Share(id=self.new_id(), resource_type="blog", resource_name="Blog de la classe CM1 A",
                  owner_id=t["CM1 A"]["id"], structure_id=pap, created=self.days_ago(6, 6),
                  grants=(g(cg("pap:CM1 A", S), R_, C_), g(cg("pap:CM1 A", R), R_, C_))),
            Share(id=self.new_id(), resource_type="cahier multimédia",
                  resource_name="Cahier de vie TPS-PS A", owner_id=t["TPS-PS A"]["id"],
                  structure_id=pap, created=self.days_ago(3, 3),
                  grants=(g(cg("pap:TPS-PS A", R), R_),)),
            Share(id=self.new_id(), resource_type="cahier de textes",
                  resource_name="Cahier de textes CE2 A", owner_id=t["CE2 A"]["id"],
                  structure_id=pap, created=self.days_ago(2, 2),
                  grants=(g(cg("pap:CE2 A", S), R_), g(cg("pap:CE2 A", R), R_))),
            Share(id=self.new_id(), resource_type="blog", resource_name=f"Bureau de l'APE {self.last_year}",
                  owner_id=self.director["id"], structure_id=pap,
                  created=datetime(self.y - 1, 10, 2, 20, 30),
                  grants=(g(self.ape_last.id, R_, CO, C_),)),
            Share(id=self.new_id(), resource_type="document",
                  resource_name="Compte rendu du conseil d'école (juin)", owner_id=self.director["id"],
                  structure_id=pap, created=datetime(self.y, 6, 30, 18, 0),
                  grants=(ShareGrant(target_type=ShareTargetType.BOOKMARK,
                                     target_id=self.bookmark_ape.id, rights=(R_,)),)),
            Share(id=self.new_id(), resource_type="document",
                  resource_name="Fiches de besoins en lecture", owner_id=t["CE2 A"]["id"],
                  structure_id=pap, created=datetime(self.y - 1, 11, 7, 17, 0),
                  grants=(g(self.besoins_last.id, R_),)),
            Share(id=self.new_id(), resource_type="blog", resource_name=f"Chorale {self.year}",
                  owner_id=t["CM1 A"]["id"], structure_id=pap, created=self.days_ago(1, 1),
                  grants=(g(self.chorale.id, R_, C_), u(self.musician, R_, CO, M_))),
            Share(id=self.new_id(), resource_type="document", resource_name="Projet ULIS",
                  owner_id=t["ULIS"]["id"], structure_id=pap, created=self.days_ago(2, 2),
                  grants=(g(self.ulis.id, R_), *(u(a, R_, CO) for a in self.aesh_here[:2]))),
            Share(id=self.new_id(), resource_type="document",
                  resource_name="Livret d'accueil des nouveaux collègues", owner_id=self.director["id"],
                  structure_id=pap, created=self.days_ago(5, 5),
                  grants=(u(self.replacement, R_), u(self.trs, R_), u(t["CP C"], R_))),
            Share(id=self.new_id(), resource_type="document", resource_name="Règlement intérieur",
                  owner_id=self.director["id"], structure_id=pap, created=self.days_ago(4, 4),
                  grants=(g(self.profile_group(self.pap, Profile.RELATIVE), R_),)),
            Share(id=self.new_id(), resource_type="cahier multimédia",
                  resource_name="Club d'échecs", owner_id=self.chess["id"], structure_id=pap,
                  created=datetime(self.y - 1, 1, 10, 16, 0),
                  grants=(u(self.left_away, R_, CO), g(self.besoins_last.id, R_))),
        ]
