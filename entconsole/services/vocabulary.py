"""Reading profiles, sources and classes as admins type them (French or codes)."""

from __future__ import annotations

from entconsole import labels as L
from entconsole.models import Profile, SchoolClass, Source
from entconsole.store import Store
from entconsole.text import fold


def profile_from_text(text: str) -> Profile | None:
    """"enseignant", "Enseignants", "Teacher", "eleve"… -> Profile (None if unknown)."""
    wanted = fold(text)
    for profile in Profile:
        names = {fold(profile.value), fold(L.PROFILE[profile.value]), fold(L.PROFILE_PLURAL[profile.value])}
        if wanted in names:
            return profile
    return None


def source_from_text(text: str) -> Source | None:
    """"MANUAL", "manuel", "Manuel", "aaf1d"… -> Source."""
    wanted = fold(text)
    for source in Source:
        if wanted in (fold(source.value), fold(L.SOURCE[source.value])):
            return source
    return None


def class_from_text(store: Store, structure_id: str, text: str) -> SchoolClass | None:
    """A class of the structure by name ("cm1 a") or id."""
    wanted = fold(text)
    for school_class in store.find(SchoolClass, "structure", structure_id):
        if school_class.id == text or fold(school_class.name) == wanted:
            return school_class
    return None
