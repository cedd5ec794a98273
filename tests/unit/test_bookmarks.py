"""Share bookmarks: gone members, empty ones, past years; clean, delete, rename."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from entconsole.models import Share, ShareBookmark, ShareGrant, ShareRight, ShareTargetType, User
from entconsole.services import bookmarks
from entconsole.services.errors import InvalidInput, NotFound
from entconsole.services.session import Session
from tests.unit.rentree_store import HERE, OTHER, TODAY, group, make_store, user


@pytest.fixture
def crafted(tmp_path):
    owner = user("Olive", "Owner", home_structure=HERE)
    stays = user("Sam", "Reste")
    predeleted = user("Pia", "Supprimee", delete_date=date(2024, 8, 1))
    pending = user("Pat", "Attente", disappearance_date=date(2024, 8, 1))
    detached = user("Dan", "Detache", structures=(OTHER,), removed_from_structures=(HERE,))
    elsewhere = user("Eli", "Ailleurs", structures=(OTHER,))
    manual = group("Chorale 2024-2025")
    outsider = user("Oscar", "Dehors", structures=(OTHER,))
    one_gone = ShareBookmark(owner_id=owner.id, name="Sortie", members=(stays.id, predeleted.id, manual.id))
    all_gone = ShareBookmark(owner_id=owner.id, name="Anciens", members=(pending.id, detached.id, elsewhere.id, "lost-id"))
    empty = ShareBookmark(owner_id=owner.id, name="Vide")
    old = ShareBookmark(owner_id=owner.id, name="Classe verte 2022-2023", members=(stays.id,))
    fine = ShareBookmark(owner_id=owner.id, name="Équipe 2024-2025", members=(stays.id, manual.id))
    foreign = ShareBookmark(owner_id=outsider.id, name="Pas ici")
    share = Share(resource_type="document", resource_name="Doc", owner_id=owner.id, structure_id=HERE,
                  grants=(ShareGrant(target_type=ShareTargetType.BOOKMARK, target_id=empty.id, rights=(ShareRight.READ,)),
                          ShareGrant(target_type=ShareTargetType.USER, target_id=stays.id, rights=(ShareRight.READ,))),
                  created=datetime(2024, 1, 1))
    store = make_store(tmp_path / "s.json", [owner, stays, predeleted, pending, detached, elsewhere, manual, outsider,
                                             one_gone, all_gone, empty, old, fine, foreign, share])
    session = Session.open(store, None, TODAY)
    return session, dict(one_gone=one_gone, all_gone=all_gone, empty=empty, old=old, fine=fine,
                         foreign=foreign, share=share, stays=stays)


def rows(session):
    return {r.bookmark.name: r for r in bookmarks.structure_bookmarks(session)}


def test_bookmark_states(crafted):
    session, docs = crafted
    found = rows(session)
    assert "Pas ici" not in found  # its owner is not in the school
    assert [m.gone for m in found["Sortie"].gone] == ["pré-supprimé"]
    assert found["Sortie"].stale and found["Sortie"].reasons() == ["1 membre parti"]
    assert sorted(m.gone for m in found["Anciens"].gone) == sorted(
        ["en attente de suppression", "détaché de l'école", "n'est plus dans l'école", "compte supprimé"])
    assert found["Vide"].empty and found["Vide"].shares == 1
    assert found["Classe verte 2022-2023"].past_year == "2022-2023"
    assert not found["Équipe 2024-2025"].stale
    assert {r.bookmark.name for r in bookmarks.stale_bookmarks(session)} == {
        "Sortie", "Anciens", "Vide", "Classe verte 2022-2023"}


def test_clean_preview_then_clean(crafted):
    session, docs = crafted
    ids = [docs["one_gone"].id, docs["all_gone"].id, docs["fine"].id]
    preview = {c.row.bookmark.name: c for c in bookmarks.clean_preview(session, ids)}
    assert len(preview["Sortie"].removed) == 1 and not preview["Sortie"].delete
    assert preview["Anciens"].delete
    assert not preview["Équipe 2024-2025"].changes
    writes = session.store.write_count
    result = bookmarks.clean_bookmarks(session, ids)
    assert session.store.write_count == writes + 1
    assert result.changed == 2
    kept = session.store.get(ShareBookmark, docs["one_gone"].id)
    assert kept.members == (docs["stays"].id, docs["one_gone"].members[2])
    assert session.store.get(ShareBookmark, docs["all_gone"].id) is None
    assert session.store.backups.list()


def test_delete_removes_the_share_grants_to_it(crafted):
    session, docs = crafted
    bookmarks.delete_bookmarks(session, [docs["empty"].id])
    assert session.store.get(ShareBookmark, docs["empty"].id) is None
    share = session.store.get(Share, docs["share"].id)
    assert [g.target_type for g in share.grants] == [ShareTargetType.USER]


def test_rename_and_refusals(crafted):
    session, docs = crafted
    bookmarks.rename_bookmark(session, docs["old"].id, "  Classe verte   2024-2025 ")
    assert session.store.get(ShareBookmark, docs["old"].id).name == "Classe verte 2024-2025"
    assert not rows(session)["Classe verte 2024-2025"].stale
    with pytest.raises(InvalidInput):
        bookmarks.rename_bookmark(session, docs["old"].id, "   ")
    with pytest.raises(NotFound):
        bookmarks.delete_bookmarks(session, [docs["foreign"].id])


def test_add_and_remove_members(crafted):
    session, docs = crafted
    bookmark = docs["old"]
    candidates, more = bookmarks.member_candidates(session, bookmark.id, "")
    ids = {u.id for u in candidates}
    assert docs["stays"].id not in ids  # already in
    assert all(u.delete_date is None for u in candidates)
    newcomer = next(iter(ids))
    writes = session.store.write_count
    result = bookmarks.add_bookmark_members(session, bookmark.id, [newcomer, docs["stays"].id])
    assert result.changed == 1 and session.store.write_count == writes + 1
    assert session.store.get(ShareBookmark, bookmark.id).members == (docs["stays"].id, newcomer)
    bookmarks.remove_bookmark_members(session, bookmark.id, [docs["stays"].id])
    assert session.store.get(ShareBookmark, bookmark.id).members == (newcomer,)


def test_add_refuses_an_account_outside_the_school(crafted):
    session, docs = crafted
    outsider = next(u for u in session.store.all(User) if u.login == "oscar.dehors")
    with pytest.raises(NotFound):
        bookmarks.add_bookmark_members(session, docs["old"].id, [outsider.id])
