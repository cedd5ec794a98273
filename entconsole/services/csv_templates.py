"""The import templates per profile (DOMAIN.md section 10) and how headers map to fields.

The same layouts are written by the "Transition d'année" export, so that the
import reads that export back.
"""

from __future__ import annotations

from entconsole.models import Profile
from entconsole.services.csv_io import header_key

_ADULT = ["Prénom*", "Nom*", "date de naissance", "fonction", "telephone", "telephonetravail",
          "email", "adresse", "cp", "ville", "pays"]
_CHILD = ["Nom de l'élève", "Prénom de l'élève", "Classes de l'élève"]

TEMPLATES: dict[Profile, list[str]] = {
    Profile.STUDENT: ["Prénom*", "Nom*", "Date de naissance*", "Classes*"],
    Profile.TEACHER: _ADULT + ["classe", "classe"],
    Profile.PERSONNEL: list(_ADULT),
    Profile.GUEST: ["Prénom*", "Nom*", "Classes", "date de naissance", "telephone",
                    "telephonetravail", "email", "adresse", "cp", "ville", "pays"],
    Profile.RELATIVE: ["Nom*", "Prénom*", "Adresse", "Code postal", "Ville", "Pays", "Courriel",
                       "Téléphone"] + _CHILD * 3,
}
# Column the transition export adds so that re-importing matches by identifier.
EXTERNAL_ID_HEADER = "Identifiant externe"

# Fields a profile's file must give (the starred columns).
REQUIRED: dict[Profile, tuple[str, ...]] = {
    Profile.STUDENT: ("first_name", "last_name", "birth_date", "classes"),
    Profile.TEACHER: ("first_name", "last_name"),
    Profile.PERSONNEL: ("first_name", "last_name"),
    Profile.GUEST: ("first_name", "last_name"),
    Profile.RELATIVE: ("last_name", "first_name"),
}

# header_key(...) of accepted headers -> field name
_ALIASES: dict[str, tuple[str, ...]] = {
    "first_name": ("prenom", "prenoms", "firstname"),
    "last_name": ("nom", "nomdefamille", "lastname"),
    "birth_date": ("datedenaissance", "datenaissance", "naissance", "nele", "birthdate"),
    "classes": ("classes", "classe", "class"),
    "function": ("fonction", "fonctions"),
    "mobile": ("telephone", "tel", "telephoneportable", "portable", "mobile"),
    "work_phone": ("telephonetravail", "telephoneprofessionnel"),
    "email": ("email", "courriel", "mail", "adressemail", "adressecourriel"),
    "address": ("adresse",),
    "postcode": ("cp", "codepostal"),
    "city": ("ville", "commune"),
    "country": ("pays",),
    "child_last": ("nomdeleleve", "nomeleve", "nomenfant"),
    "child_first": ("prenomdeleleve", "prenomeleve", "prenomenfant"),
    "child_classes": ("classesdeleleve", "classedeleleve", "classeeleve", "classesenfant"),
    "external_id": ("identifiantexterne", "idexterne", "externalid", "id"),
}
FIELD_OF_KEY: dict[str, str] = {key: name for name, keys in _ALIASES.items() for key in keys}

# Fields read for each profile (others are ignored and listed as such).
FIELDS: dict[Profile, frozenset[str]] = {
    Profile.STUDENT: frozenset({"first_name", "last_name", "birth_date", "classes", "external_id"}),
    Profile.TEACHER: frozenset({"first_name", "last_name", "birth_date", "function", "mobile", "work_phone",
                                "email", "address", "postcode", "city", "country", "classes",
                                "external_id"}),
    Profile.GUEST: frozenset({"first_name", "last_name", "birth_date", "classes", "mobile", "work_phone",
                              "email", "address", "postcode", "city", "country", "external_id"}),
    Profile.RELATIVE: frozenset({"first_name", "last_name", "address", "postcode", "city", "country", "email",
                                 "mobile", "child_last", "child_first", "child_classes", "external_id"}),
}
FIELDS[Profile.PERSONNEL] = FIELDS[Profile.TEACHER] - {"classes"}


def template_header(profile: Profile) -> list[str]:
    return list(TEMPLATES[profile])


def map_columns(header: list[str], profile: Profile) -> tuple[dict[str, list[int]], list[str]]:
    """Field -> column indexes (repeated columns such as "classe"), and unknown headers."""
    columns: dict[str, list[int]] = {}
    unknown = []
    wanted = FIELDS[profile]
    for index, title in enumerate(header):
        name = FIELD_OF_KEY.get(header_key(title))
        if name is None or name not in wanted:
            if title:
                unknown.append(title)
            continue
        columns.setdefault(name, []).append(index)
    return columns, unknown
