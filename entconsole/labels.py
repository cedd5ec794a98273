"""Every French string shown to users, in one place.

Templates use str.format with named fields. Keep user data out of markup:
screens render these with markup disabled or escape the values.
"""

from __future__ import annotations

APP_TITLE = "Console d'administration"
APP_SUBTITLE_FMT = "{structure} – {uai}  ·  {admin}"

# --------------------------------------------------------------------------- profiles
PROFILE = {
    "Teacher": "Enseignant",
    "Student": "Élève",
    "Relative": "Parent",
    "Personnel": "Personnel",
    "Guest": "Invité",
}
PROFILE_PLURAL = {
    "Teacher": "Enseignants",
    "Student": "Élèves",
    "Relative": "Parents",
    "Personnel": "Personnels",
    "Guest": "Invités",
}
ADMIN_LOCAL_TARGET = "Administrateurs locaux"

SOURCE = {
    "AAF": "Automatique (AAF)",
    "AAF1D": "Automatique (ONDE)",
    "EDT": "Emploi du temps (EDT)",
    "UDT": "Emploi du temps (UDT)",
    "MANUAL": "Manuel",
    "CSV": "Import CSV",
    "CLASS_PARAM": "Paramétrage de la classe",
    "BE1D": "Base élèves (BE1D)",
    "SSO": "Connexion externe (SSO)",
}

STATUS = {
    "inactive": "Compte non activé",
    "blocked": "Compte bloqué",
    "duplicate": "Compte en doublon",
    "predeleted": "Compte pré-supprimé",
    "pending_predeletion": "Compte en attente de pré-suppression",
}

FEED = {"AUTOMATIC": "Automatique", "MANUAL": "Manuelle"}
YES = "Oui"
NO = "Non"

# --------------------------------------------------------------------------- store errors
STORE_CORRUPT = (
    "Le fichier {path} est illisible ({detail}). Il n'a pas été modifié : "
    "restaurez une sauvegarde ou indiquez un autre fichier avec --db."
)
STORE_INVALID_DOC = (
    "Le fichier {path} contient un document invalide (table {table}, "
    "document {doc}) : {detail}. Il n'a pas été modifié : corrigez-le ou "
    "restaurez une sauvegarde."
)
STORE_VERSION = (
    "Le fichier {path} est au format {found}, que cette version d'entconsole "
    "ne connaît pas (format attendu : {expected}). Il n'a pas été modifié : "
    "mettez entconsole à jour."
)
STORE_UNREADABLE = (
    "Impossible de lire {path} : {detail}. Vérifiez le chemin et les droits "
    "du fichier."
)
STORE_CANNOT_CREATE = (
    "Impossible de créer {path} : {detail}. Choisissez un dossier où vous "
    "avez le droit d'écrire (--db)."
)
STORE_WRITE_FAILED = (
    "L'enregistrement dans {path} a échoué ({detail}) : rien n'a été modifié. "
    "Vérifiez l'espace disque et les droits du dossier."
)
STORE_BUSY = (
    "Le fichier {path} est occupé par une autre session depuis plus de "
    "{seconds} s : réessayez dans un instant."
)
STORE_VANISHED = (
    "Le fichier {path} a été supprimé ou déplacé pendant la session : rien "
    "n'a été enregistré. Relancez la console."
)
STORE_EXISTS = (
    "Le fichier {path} existe déjà : ajoutez --force pour l'écraser."
)
DETAIL_PERMISSION = "droits insuffisants"
DETAIL_NOT_FOUND = "fichier ou dossier introuvable"
DETAIL_NO_SPACE = "disque plein"
DETAIL_READ_ONLY = "système de fichiers en lecture seule"
DETAIL_IS_DIR = "c'est un dossier, pas un fichier"
DETAIL_BAD_JSON = "JSON invalide"
DETAIL_NOT_A_STORE = "ce n'est pas un fichier d'entconsole"

# --------------------------------------------------------------------------- session
NOT_ADMIN = (
    "« {login} » n'est pas un administrateur de cette base. Administrateurs : "
    "{admins}."
)
UNKNOWN_LOGIN = "Aucun compte « {login} » dans cette base. Administrateurs : {admins}."
NO_ADMIN = (
    "Cette base n'indique pas d'administrateur par défaut : précisez-le avec "
    "--as IDENTIFIANT."
)
NO_STRUCTURE = "« {login} » n'administre aucun établissement de cette base."
NO_STRUCTURE_CHOSEN = "Aucun établissement choisi."
STRUCTURE_GONE = "Cet établissement n'existe plus dans la base."
ADMIN_GONE = "Votre compte d'administrateur n'existe plus dans la base."
OUT_OF_SCOPE = "Vous n'administrez pas l'établissement « {structure} » : action refusée."

# --------------------------------------------------------------------------- command line
CLI_DEMO_CREATED = "Base de démonstration créée : {path}"
CLI_DEMO_WRITTEN = "Base de démonstration écrite : {path} ({users} comptes, {structures} établissements)."
CLI_NO_TERMINAL = (
    "La console a besoin d'un terminal interactif (aucun terminal détecté). "
    "Lancez-la depuis un terminal ou une session SSH avec -t, ou utilisez les "
    "sous-commandes (entconsole --help)."
)
CLI_BAD_DATE = "Date invalide « {value} » : format attendu AAAA-MM-JJ."
CLI_HELP = "Console d'administration de l'ENT ONE, au clavier."
CLI_HELP_DB = (
    "Fichier de la base (par défaut $ENTCONSOLE_DB, sinon la base de "
    "démonstration dans le dossier de données de l'utilisateur)."
)
CLI_HELP_AS = (
    "Identifiant de l'administrateur qui agit (par défaut $ENTCONSOLE_AS, "
    "sinon l'administrateur par défaut de la base)."
)
CLI_HELP_TODAY = (
    "Fixe la date du jour AAAA-MM-JJ (démonstrations, formations, tests ; "
    "par défaut $ENTCONSOLE_TODAY, sinon la vraie date)."
)
CLI_HELP_DEMO = "Écrit la base de démonstration (deux écoles de la même commune)."
CLI_HELP_FORCE = "Écrase un fichier existant."
CLI_HELP_INFO = "Affiche le résumé de la base : établissements, comptes, révision."
CLI_INFO_LINE = "{path} · format {version} · révision {revision}"
CLI_INFO_STRUCTURE = "  {name} ({uai}) : {users} comptes"
