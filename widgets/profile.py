"""Profile labels and colours (DOMAIN.md section 1), shared by every screen."""

from __future__ import annotations

from textual.content import Content

from entconsole import labels as L
from entconsole.models import Profile

# Colours of the real console's profile badges: Enseignant green, Élève orange,
# Parent blue, Personnel violet, Invité red. Mid-tones readable on dark and
# light themes alike.
PROFILE_COLOR: dict[Profile, str] = {
    Profile.TEACHER: "#3fb950",
    Profile.STUDENT: "#f0883e",
    Profile.RELATIVE: "#4493f8",
    Profile.PERSONNEL: "#b27ff0",
    Profile.GUEST: "#f85149",
}


def profile_label(profile: Profile, *, plural: bool = False) -> str:
    table = L.PROFILE_PLURAL if plural else L.PROFILE
    return table[profile.value]


def profile_dot(profile: Profile) -> Content:
    """A coloured bullet for lists: "●"."""
    return Content.styled("●", PROFILE_COLOR[profile])


def profile_badge(profile: Profile, *, plural: bool = False) -> Content:
    """The profile's name in its colour (never parsed as markup)."""
    return Content.styled(profile_label(profile, plural=plural), f"bold {PROFILE_COLOR[profile]}")
