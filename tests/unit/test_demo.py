"""The demo data: deterministic, valid, consistent, and holding every situation."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, time, timedelta

import pytest

from entconsole.models import (
    ADMIN_LOCAL,
    ADMIN_LOCAL_TARGET,
    LOGIN_RE,
    MANUAL_SOURCES,
    Application,
    BlockAction,
    BlockTrace,
    CommunicationLink,
    Connector,
    FlashMessage,
    Group,
    GroupType,
    JournalEntry,
    Level,
    OutboxMail,
    Profile,
    Report,
    ReportAction,
    SchoolClass,
    Share,
    ShareBookmark,
    ShareTargetType,
    Source,
    Status,
    Structure,
    User,
    Widget,
    school_year_of,
    school_year_start,
)
from entconsole.services.logins import ACTIVATION_ALPHABET
from entconsole.seed.demo import (
    LEVEL_AGE,
    DemoData,
    build_demo,
    make_login,
)
from entconsole.text import fold

TODAY = date(2024, 9, 5)
OTHER_DAYS = (date(2024, 9, 1), date(2025, 1, 15), date(2025, 7, 20), date(2026, 9, 2))
T, S, R, P, G = (Profile.TEACHER, Profile.STUDENT, Profile.RELATIVE, Profile.PERSONNEL,
                 Profile.GUEST)


class Demo:
    """The demo's documents, sorted by type, with the lookups tests need."""

    def __init__(self, data: DemoData, today: date) -> None:
        self.data = data
        self.today = today
        self.now = datetime.combine(today, time(23, 59))
        self.year = school_year_of(today)
        start = school_year_start(today)
        self.year_start = start
        self.last_year = f"{start.year - 1}-{start.year}"
        self.by_type: dict[type, list] = {}
        for doc in data.docs:
            self.by_type.setdefault(type(doc), []).append(doc)
        self.users: list[User] = self.of(User)
        self.user = {u.id: u for u in self.users}
        self.groups: list[Group] = self.of(Group)
        self.group = {g.id: g for g in self.groups}
        self.classes: list[SchoolClass] = self.of(SchoolClass)
        self.klass = {c.id: c for c in self.classes}
        self.structures: list[Structure] = self.of(Structure)
        self.structure = {s.id: s for s in self.structures}
        schools = {s.name: s for s in self.structures if s.is_school}
        self.pap = schools["École élémentaire des Papillons"]
        self.coq = schools["École maternelle Les Coquelicots"]

    def of(self, model: type) -> list:
        return self.by_type.get(model, [])

    def members(self, structure: Structure, profile: Profile | None = None) -> list[User]:
        return [
            u for u in self.users
            if structure.id in u.structures and (profile is None or u.profile == profile)
        ]

    def pupils_in(self, class_id: str) -> list[User]:
        return [u for u in self.users if u.profile == S and class_id in u.classes]

    def group_members(self, group: Group) -> list[User]:
        return [u for u in self.users if group.id in u.groups]

    def named_group(self, structure: Structure, name: str) -> Group:
        (group,) = [g for g in self.groups if g.structure_id == structure.id and g.name == name]
        return group

    def is_stale_member(self, member_id: str) -> bool:
        user = self.user.get(member_id)
        return user is not None and (
            user.delete_date is not None
            or user.disappearance_date is not None
            or self.pap.id in user.removed_from_structures
            or (user.profile == T and user.home_structure != self.pap.id)
        )


@pytest.fixture(scope="module")
def demo() -> Demo:
    return Demo(build_demo(TODAY), TODAY)


@pytest.fixture(scope="module", params=OTHER_DAYS, ids=str)
def other_demo(request) -> Demo:
    return Demo(build_demo(request.param), request.param)


# --------------------------------------------------------------------------- basics


def test_same_day_gives_identical_documents():
    first, second = build_demo(TODAY), build_demo(TODAY)
    assert [type(d) for d in first.docs] == [type(d) for d in second.docs]
    assert [d.model_dump() for d in first.docs] == [d.model_dump() for d in second.docs]
    assert first.default_admin == second.default_admin


def test_dates_follow_today(other_demo):
    names = {g.name for g in other_demo.groups}
    assert f"APE {other_demo.last_year}" in names
    assert f"Chorale {other_demo.year}" in names
    assert {c.school_year for c in other_demo.classes} == {other_demo.year}


def test_every_document_revalidates(demo):
    for doc in demo.data.docs:
        assert type(doc).model_validate(doc.model_dump()) == doc


def test_journal_and_outbox_are_empty(demo):
    assert not demo.of(JournalEntry) and not demo.of(OutboxMail)


def test_ids_are_unique_across_tables(demo):
    ids = [d.id for d in demo.data.docs]
    ids += [role.id for app in demo.of(Application) for role in app.roles]
    assert len(ids) == len(set(ids))


def test_default_admin_is_the_papillons_director(demo):
    (director,) = [u for u in demo.users if u.login == demo.data.default_admin]
    assert director.profile == T and director.position in ("Directrice", "Directeur")
    assert director.functions == {ADMIN_LOCAL: (demo.pap.id,)}
    assert director.home_structure == demo.pap.id and director.activated


def test_two_local_admins_only(demo):
    admins = [u for u in demo.users if u.is_admin]
    assert len(admins) == 2
    (erun,) = [u for u in admins if u.login != demo.data.default_admin]
    assert erun.profile == P and erun.position == "ERUN"
    assert set(erun.admin_scope()) == {demo.pap.id, demo.coq.id}
    assert set(erun.structures) == {demo.pap.id, demo.coq.id}


def test_structures(demo):
    (commune,) = [s for s in demo.structures if not s.is_school]
    assert demo.pap.parents == (commune.id,) and demo.coq.parents == (commune.id,)
    assert demo.pap.uai != demo.coq.uai


def test_counts(demo):
    pap = Counter(u.profile for u in demo.members(demo.pap))
    assert 750 <= sum(pap.values()) <= 850
    assert 240 <= pap[S] <= 290
    assert 420 <= pap[R] <= 520
    assert 13 <= pap[T] <= 18
    assert 8 <= pap[P] <= 20
    assert 2 <= pap[G] <= 6
    coq = Counter(u.profile for u in demo.members(demo.coq))
    assert 70 <= coq[S] <= 90 and 4 <= coq[T] <= 6 and coq[R] > coq[S]


# --------------------------------------------------------------------------- accounts


def test_logins_are_unique_and_well_formed(demo):
    logins = [u.login for u in demo.users]
    assert len(logins) == len(set(logins))
    for user in demo.users:
        assert LOGIN_RE.match(user.login)
        base = re.sub(r"\d+$", "", user.login)
        assert base == make_login(user.first_name, user.last_name, set())
        assert user.display_name == f"{user.last_name} {user.first_name}"


def test_make_login():
    taken: set[str] = set()
    assert make_login("Hélène", "Le Gall", taken) == "helene.legall"
    assert make_login("Hélène", "Le Gall", taken) == "helene.legall2"
    assert make_login("Hélène", "Le  Gall", taken) == "helene.legall3"
    assert make_login("Jean-Pierre", "Dupont-Moreau", taken) == "jeanpierre.dupontmoreau"
    assert make_login("Noël", "N'Diaye", taken) == "noel.ndiaye"
    assert make_login("Œdipe", "Lætitia", taken) == "oedipe.laetitia"
    assert taken >= {"helene.legall", "helene.legall2", "noel.ndiaye"}
    assert len(make_login("A" * 80, "B" * 80, set())) <= 64


def test_ine_are_valid_and_unique(demo):
    ines = [u.ine for u in demo.users if u.ine]
    assert len(ines) == len(set(ines))
    fed = [u for u in demo.users if u.profile == S and u.source == Source.AAF1D]
    assert fed and all(u.ine and re.fullmatch(r"[0-9A-Z]{10}[A-Z]", u.ine) for u in fed)


def test_sources_by_profile(demo):
    for user in demo.users:
        if user.profile in (S, R):
            assert user.source in (Source.AAF1D, Source.MANUAL)
        elif user.profile == T:
            assert user.source == Source.AAF
        elif user.profile == G:
            assert user.source == Source.MANUAL


def test_activation_codes_and_logins(demo):
    for user in demo.users:
        assert user.creation_date <= demo.now
        if user.activation_code is None:
            assert user.last_login is not None
        else:
            assert len(user.activation_code) == 8
            assert set(user.activation_code) <= set(ACTIVATION_ALPHABET)
            assert user.last_login is None
        if user.last_login is not None:
            assert user.creation_date <= user.last_login <= demo.now


def test_dates_are_never_in_the_future(other_demo):
    for user in other_demo.users:
        assert user.creation_date <= other_demo.now
        assert user.last_login is None or user.creation_date <= user.last_login <= other_demo.now
        assert user.modification_date is None or user.modification_date <= other_demo.now
    for trace in other_demo.of(BlockTrace):
        assert trace.date <= other_demo.now
    for report in other_demo.of(Report):
        assert report.notification_date <= other_demo.now
        assert all(r.date <= other_demo.now for r in report.reporters)


def test_relatives_and_children_are_symmetric(demo):
    for user in demo.users:
        for parent_id in user.relatives:
            parent = demo.user[parent_id]
            assert user.profile == S and parent.profile == R
            assert user.id in parent.children
        for child_id in user.children:
            child = demo.user[child_id]
            assert user.profile == R and child.profile == S
            assert user.id in child.relatives
            assert set(child.structures) <= set(user.structures)


def test_families(demo):
    pupils = demo.members(demo.pap, S)
    with_two = sum(1 for u in pupils if len(u.relatives) == 2)
    assert with_two > 0.8 * len(pupils)
    assert any(len(u.relatives) == 1 for u in pupils)
    assert any(len(u.children) >= 2 for u in demo.users)  # siblings share parents
    # a few families have a child in each school
    assert any(set(u.structures) == {demo.pap.id, demo.coq.id} for u in demo.users if u.profile == R)


def test_birth_dates_match_class_levels(demo):
    year = demo.year_start.year
    for user in demo.users:
        if user.profile != S or not user.classes:
            continue
        (class_id,) = user.classes
        school_class = demo.klass[class_id]
        levels = [Level(x) for x in school_class.name.split()[0].split("-")]
        assert school_class.level in levels
        expected = {year - LEVEL_AGE[lv] - late for lv in levels for late in (0, 1)}
        assert user.birth_date is not None and user.birth_date.year in expected, user.display_name


def test_no_unintended_homonyms(demo):
    names = Counter((fold(u.first_name), fold(u.last_name)) for u in demo.users)
    homonyms = {name for name, n in names.items() if n > 1}
    flagged = {(fold(u.first_name), fold(u.last_name)) for u in demo.users if u.duplicates}
    assert homonyms <= flagged


# --------------------------------------------------------------------------- integrity


def test_referential_integrity(other_demo):
    d = other_demo
    structures, users, groups, classes = d.structure, d.user, d.group, d.klass
    bookmarks = {b.id for b in d.of(ShareBookmark)}
    for s in d.structures:
        assert set(s.parents) <= set(structures)
    for c in d.classes:
        assert c.structure_id in structures and structures[c.structure_id].is_school
    for g in d.groups:
        assert g.structure_id in structures
        if g.class_id is not None:
            assert classes[g.class_id].structure_id == g.structure_id
    for link in d.of(CommunicationLink):
        assert link.source in groups and link.target in groups
    for u in d.users:
        assert u.structures and set(u.structures) <= set(structures)
        assert set(u.removed_from_structures) <= set(structures)
        assert u.home_structure is None or u.home_structure in structures
        for class_id in u.classes:
            assert classes[class_id].structure_id in u.structures
        for group_id in u.groups:
            assert groups[group_id].type in (GroupType.MANUAL, GroupType.TEACHING)
            assert groups[group_id].structure_id in u.structures
        for scope in u.functions.values():
            assert set(scope) <= set(structures)
        assert set(u.relatives) | set(u.children) <= set(users)
        for dup in u.duplicates:
            assert dup.user_id in users and dup.user_id != u.id
        for ids in (u.saved_links or {}).values():
            assert set(ids) <= set(classes) | set(groups)
    for m in d.of(FlashMessage):
        assert m.structures and set(m.structures) <= set(structures)
        assert set(m.profiles) <= {p.value for p in Profile} | {ADMIN_LOCAL_TARGET}
    for t in d.of(BlockTrace):
        assert t.structure_id in structures
    for app in d.of(Application):
        for role in app.roles:
            assert set(role.groups) <= set(groups)
    for c in d.of(Connector):
        assert c.structure_id in structures and set(c.groups) <= set(groups)
    for w in d.of(Widget):
        assert set(w.groups) <= set(groups) and set(w.pinned_structures) <= set(structures)
    for r in d.of(Report):
        assert r.author_id in users and set(r.structures) <= set(structures)
        assert all(rep.user_id in users for rep in r.reporters)
    for share in d.of(Share):
        assert share.owner_id in users and share.structure_id in structures
        for grant in share.grants:
            pool = {
                ShareTargetType.USER: users,
                ShareTargetType.GROUP: groups,
                ShareTargetType.BOOKMARK: bookmarks,
            }[grant.target_type]
            assert grant.target_id in pool
    for b in d.of(ShareBookmark):
        assert b.owner_id in users and set(b.members) <= set(users) | set(groups)


def test_profile_groups_and_default_links(demo):
    for structure in demo.structures:
        own = [g for g in demo.groups if g.structure_id == structure.id
               and g.type == GroupType.PROFILE and g.class_id is None]
        assert sorted(g.profile for g in own) == sorted(Profile)
        assert all(g.name.endswith(f" du groupe {structure.name}.") for g in own)
    for school_class in demo.classes:
        own = [g for g in demo.groups if g.class_id == school_class.id]
        assert sorted(g.profile for g in own) == sorted([S, T, R, P])
    links = demo.of(CommunicationLink)
    # 7 per structure, 3 per class, 2 from the commune to each school
    assert len(links) == 7 * 3 + 3 * len(demo.classes) + 2 * 2


# --------------------------------------------------------------------------- situations


def test_inactive_accounts(demo):
    parents = demo.members(demo.pap, R)
    ratio = sum(1 for u in parents if not u.activated) / len(parents)
    assert 0.15 <= ratio <= 0.35
    assert any(not u.activated for u in demo.members(demo.pap, S))


def test_blocked_accounts(demo):
    blocked = [u for u in demo.members(demo.pap) if u.blocked]
    assert len(blocked) >= 3
    assert {u.profile for u in blocked} >= {S, R}


def _duplicate_score(a: User, b: User) -> int:
    same = [
        fold(a.last_name) == fold(b.last_name),
        fold(a.first_name) == fold(b.first_name),
        a.birth_date is not None and a.birth_date == b.birth_date,
        a.email is not None and fold(a.email) == fold(b.email or ""),
    ]
    return 2 + sum(same)


def test_duplicates(demo):
    pairs = {}
    for user in demo.users:
        for dup in user.duplicates:
            other = demo.user[dup.user_id]
            assert any(back.user_id == user.id and back.score == dup.score for back in other.duplicates)
            assert not (user.activated and other.activated)
            assert dup.score == _duplicate_score(user, other)
            pairs[frozenset((user.id, other.id))] = dup.score
    scores = sorted(pairs.values())
    assert any(s in (5, 6) for s in scores)  # Bloquant: name, first name, birth date
    assert 4 in scores  # homonyms: two matching fields (Bloquant too: score > 3)
    assert any(s < 4 for s in scores)  # Mineur
    # the Bloquant one: a pupil created by hand, then fed by ONDE
    (bloquant,) = [p for p, s in pairs.items() if s >= 5]
    sources = {demo.user[i].source for i in bloquant}
    assert sources == {Source.MANUAL, Source.AAF1D}
    assert {demo.user[i].profile for i in bloquant} == {S}


def test_pending_predeletion(demo):
    pending = [u for u in demo.members(demo.pap) if Status.PENDING_PREDELETION in u.statuses]
    assert {u.profile for u in pending} == {S, R}
    for user in pending:
        assert 10 <= (demo.today - user.disappearance_date).days <= 40


def test_predeleted(demo):
    gone = [u for u in demo.members(demo.pap) if u.delete_date is not None]
    assert {u.profile for u in gone} >= {S, R, G}
    for user in gone:
        assert user.delete_date <= demo.today
        assert user.saved_links is not None and not user.classes and not user.groups
    assert any(ids for u in gone for ids in u.saved_links.values())
    # a manual account pre-deleted by the admin (no disappearance from the feed)
    assert any(u.source in MANUAL_SOURCES and u.disappearance_date is None for u in gone)


def test_teachers_who_left_are_still_attached(demo):
    left = [
        u for u in demo.members(demo.pap, T)
        if u.home_structure != demo.pap.id
        and not any(demo.klass[c].structure_id == demo.pap.id for c in u.classes)
    ]
    assert len(left) >= 2
    assert any(u.home_structure is None for u in left)
    assert any(u.home_structure == demo.coq.id for u in left)


def test_trs_on_both_schools(demo):
    (trs,) = [u for u in demo.users if u.position == "TRS"]
    assert trs.profile == T and set(trs.structures) == {demo.pap.id, demo.coq.id}
    assert trs.home_structure == demo.pap.id
    assert {demo.klass[c].structure_id for c in trs.classes} == {demo.pap.id, demo.coq.id}


def test_replacement_teacher_has_this_home_school_and_no_class(demo):
    (brigade,) = [u for u in demo.users if u.position == "Brigade"]
    assert brigade.profile == T and brigade.home_structure == demo.pap.id
    assert not brigade.classes and not brigade.groups


def test_aesh_of_the_pial(demo):
    aesh = [u for u in demo.members(demo.pap, P) if u.position == "AESH"]
    pap_groups = {g.id for g in demo.groups if g.structure_id == demo.pap.id}

    def works_here(u: User) -> bool:
        return any(demo.klass[c].structure_id == demo.pap.id for c in u.classes) or bool(
            set(u.groups) & pap_groups
        )

    assert sum(1 for u in aesh if not works_here(u)) >= 2
    ulis = demo.named_group(demo.pap, "ULIS")
    assert sum(1 for u in aesh if ulis.id in u.groups) >= 1
    assert all(u.source == Source.AAF for u in aesh)


def test_old_manual_accounts(demo):
    two_years_ago = datetime.combine(demo.today - timedelta(days=730), time())
    old = [
        u for u in demo.members(demo.pap)
        if u.source == Source.MANUAL and u.creation_date <= two_years_ago
    ]
    assert any(u.activated for u in old) and any(not u.activated for u in old)


def test_foster_family_and_outside_speaker(demo):
    foster = [u for u in demo.members(demo.pap, R) if u.source == Source.MANUAL and u.children]
    assert foster and all(demo.user[c].source == Source.AAF1D for u in foster for c in u.children)
    speaker = [u for u in demo.members(demo.pap, G) if "Intervenant" in (u.position or "")]
    assert speaker and speaker[0].activated


def test_manual_groups_of_last_year_and_this_year(demo):
    start = datetime.combine(demo.year_start, time())
    for name in (f"APE {demo.last_year}", "Groupe de besoins CE1"):
        group = demo.named_group(demo.pap, name)
        assert group.type == GroupType.MANUAL and group.created < start
        assert demo.group_members(group)
    current = demo.named_group(demo.pap, f"Chorale {demo.year}")
    assert current.created >= start and demo.group_members(current)


def test_resp_affect_gar_is_locked_and_misses_teachers(demo):
    gar = demo.named_group(demo.pap, "RESP-AFFECT-GAR")
    assert gar.type == GroupType.MANUAL and gar.lock_delete
    teachers = [u for u in demo.members(demo.pap, T) if u.home_structure == demo.pap.id]
    inside = [u for u in teachers if gar.id in u.groups]
    assert inside and len(inside) < len(teachers)


def test_teaching_groups(demo):
    ulis = demo.named_group(demo.pap, "ULIS")
    assert ulis.type == GroupType.TEACHING
    profiles = Counter(u.profile for u in demo.group_members(ulis))
    assert profiles[S] >= 5 and profiles[T] >= 1 and profiles[P] >= 1
    assert all(u.classes for u in demo.group_members(ulis) if u.profile == S)


def test_share_bookmarks(demo):
    bookmarks = demo.of(ShareBookmark)

    def stale(b: ShareBookmark) -> bool:
        return demo.last_year in b.name or any(demo.is_stale_member(m) for m in b.members)

    assert any(demo.last_year in b.name for b in bookmarks)
    assert any(any(demo.is_stale_member(m) for m in b.members) and demo.last_year not in b.name
               for b in bookmarks)
    assert any(not b.members for b in bookmarks)
    assert any(b.members and not stale(b) for b in bookmarks)


def test_shares(demo):
    grants = [g for s in demo.of(Share) for g in s.grants]
    group_types = {
        (demo.group[g.target_id].type, demo.group[g.target_id].class_id is not None)
        for g in grants if g.target_type == ShareTargetType.GROUP
    }
    assert (GroupType.PROFILE, True) in group_types  # class groups (purged at year change)
    assert (GroupType.MANUAL, False) in group_types
    assert (GroupType.PROFILE, False) in group_types  # structure-wide
    assert {g.target_type for g in grants} == set(ShareTargetType)


def test_flash_messages(demo):
    messages = [m for m in demo.of(FlashMessage) if demo.pap.id in m.structures]
    t = demo.today
    assert any(m.end_date < t for m in messages)
    assert any(m.start_date <= t <= m.end_date for m in messages)
    assert any(m.start_date > t for m in messages)
    assert any(ADMIN_LOCAL_TARGET in m.profiles for m in messages)
    assert len({m.color for m in messages}) >= 3
    assert all(m.contents.get("fr") and m.start_date <= m.end_date for m in messages)
    # the guide's advice: at most two messages live at once
    assert sum(1 for m in messages if m.start_date <= t <= m.end_date) <= 2


def test_reports(demo):
    reports = [r for r in demo.of(Report) if demo.pap.id in r.structures]
    pending = [r for r in reports if r.decision is None]
    treated = [r for r in reports if r.decision is not None]
    assert len(pending) == 2 and all(r.reporters for r in pending)
    assert {r.decision.action for r in treated} == {ReportAction.KEEP, ReportAction.DELETE}
    (deleted,) = [r for r in treated if r.decision.action == ReportAction.DELETE]
    assert demo.user[deleted.author_id].blocked  # the crisis procedure


def test_block_history(demo):
    traces = [t for t in demo.of(BlockTrace) if t.structure_id == demo.pap.id]
    summer = date(demo.year_start.year, 7, 5)
    blocks = [t for t in traces if t.action == BlockAction.BLOCK and t.date.date() == summer]
    assert {t.profile for t in blocks} == {S, R}
    unblocks = [t for t in traces if t.action == BlockAction.UNBLOCK and t.date.date() > summer]
    assert {t.profile for t in unblocks} == {S, R}
    assert all(t.count > 0 for t in traces)


def test_applications_connectors_widgets(demo):
    apps = demo.of(Application)
    assert {a.display_name for a in apps if a.pupil_creation} == {
        "Messagerie", "Cahier multimédia", "Espace documentaire",
    }
    assert {"Blog", "Actualités", "Agenda", "Cahier de textes"} <= {a.display_name for a in apps}
    assert all(a.roles for a in apps)
    assert any(not role.groups for a in apps for role in a.roles)  # "Aucun groupe lié à ce rôle"
    connectors = [c for c in demo.of(Connector) if c.structure_id == demo.pap.id]
    assert any(c.locked for c in connectors) and any(c.inherited for c in connectors)
    assert any(not c.locked and not c.inherited for c in connectors)
    assert all(c.url.startswith("https://") for c in connectors)
    widgets = demo.of(Widget)
    assert {"Mon humeur", "Carnet de bord", "Agenda"} <= {w.display_name for w in widgets}
    assert any(demo.pap.id in w.pinned_structures for w in widgets)


def test_teachers_not_yet_attached_to_their_class(demo):
    pap_classes = [c for c in demo.classes if c.structure_id == demo.pap.id]
    taught = {c for u in demo.users if u.profile == T for c in u.classes}
    assert any(demo.pupils_in(c.id) and c.id not in taught for c in pap_classes)
    assert any(
        not u.classes and not u.groups and u.home_structure == demo.pap.id
        and u.position == "Professeur des écoles"
        for u in demo.members(demo.pap, T)
    )


def test_a_class_without_pupils(demo):
    empty = [c for c in demo.classes if c.structure_id == demo.pap.id and not demo.pupils_in(c.id)]
    assert [c.name for c in empty] == ["CP C"]
