"""Copy the console's screenshots for the README from the snapshot tests.

The README shows SVG screenshots of the main screens. They are not drawn by
hand nor rendered separately: they are the SVGs that pytest-textual-snapshot
renders from the snapshot tests' apps (demo store, fixed day, fixed terminal
size) and that the suite compares on every run. This script copies the chosen
ones to docs/ under French names; tests/unit/test_screenshots.py fails when a
copy differs from its snapshot, so the README cannot drift from the screens.

    python scripts/screenshots.py           # write docs/*.svg
    python scripts/screenshots.py --check   # exit 1 if docs/ is stale

After a deliberate screen change: update the snapshots
(``pytest tests/ui/… --snapshot-update``, review them), then run this script.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "tests" / "ui" / "__snapshots__"
DOCS = ROOT / "docs"

# docs file name -> snapshot (test module / test name), in the README's order
SHOTS: dict[str, str] = {
    "accueil.svg": "test_snapshots/test_home_director.svg",
    "etablissement-message-flash.svg": "test_establishment_snapshots/test_flash_form_with_preview.svg",
    "etablissement-blocage-en-lot.svg": "test_establishment_snapshots/test_mass_block_tab.svg",
    "utilisateurs.svg": "test_users_snapshots/test_users_list.svg",
    "fiche-utilisateur.svg": "test_user_card_snapshots/test_user_card_pupil.svg",
    "groupes.svg": "test_groups_snapshots/test_manual_groups_tab.svg",
    "signalements.svg": "test_services_reports_snapshots/test_reports_pending.svg",
    "formation.svg": "test_training_snapshots/test_training_panel_hint_in_users.svg",
}


def stale() -> list[str]:
    """The docs files missing or different from their snapshot."""
    out = []
    for name, snapshot in SHOTS.items():
        source, target = SNAPSHOTS / snapshot, DOCS / name
        if not target.exists() or target.read_bytes() != source.read_bytes():
            out.append(name)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that docs/ is up to date")
    args = parser.parse_args()
    missing = [s for s in SHOTS.values() if not (SNAPSHOTS / s).exists()]
    if missing:
        print("snapshots not found (run the snapshot tests first): " + ", ".join(missing), file=sys.stderr)
        return 1
    if args.check:
        names = stale()
        for name in names:
            print(f"docs/{name} differs from tests/ui/__snapshots__/{SHOTS[name]}", file=sys.stderr)
        return 1 if names else 0
    DOCS.mkdir(exist_ok=True)
    for name, snapshot in SHOTS.items():
        (DOCS / name).write_bytes((SNAPSHOTS / snapshot).read_bytes())
        print(f"docs/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
