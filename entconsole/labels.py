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
PROFILE_GROUP_NAME = "{profiles} du groupe {owner}."  # "Élèves du groupe CM1 A."

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

# --------------------------------------------------------------------------- users (actions)
USER_NOT_IN_STRUCTURE = "Ce compte n'appartient pas à l'établissement administré."
USER_CANNOT_BLOCK_SELF = "Vous ne pouvez pas bloquer votre propre compte."
USER_BLOCKED = "Le compte de {name} est bloqué."
USER_UNBLOCKED = "Le compte de {name} est débloqué."
USERS_BLOCKED = "{count} compte(s) bloqué(s)."
USERS_UNBLOCKED = "{count} compte(s) débloqué(s)."

# --------------------------------------------------------------------------- user card
CARD_OTHER_ADMIN = (
    "Vous ne pouvez pas modifier les données de connexion d'un autre administrateur."
)
CARD_CANNOT_DELETE = (
    "Le compte de {name} ne peut pas être supprimé : seuls les comptes créés "
    "manuellement ou qui ne sont plus envoyés par l'annuaire peuvent l'être."
)
CARD_DELETED = "Le compte de {name} a été supprimé."
CARD_PREDELETED = "Le compte de {name} a été pré-supprimé : il sera supprimé définitivement dans 90 jours."
USERS_DELETED = "{deleted} compte(s) supprimé(s), {predeleted} pré-supprimé(s), {skipped} ignoré(s) (non supprimables)."
CARD_NOT_PREDELETED = "Ce compte n'est pas pré-supprimé."
CARD_RESTORED = "Le compte de {name} a été restauré avec ses classes et groupes."
CARD_ALREADY_DETACHED = "Ce compte est déjà retiré de cet établissement."
CARD_NOT_DETACHED = "Ce compte n'a pas été retiré de cet établissement."
CARD_CANNOT_DETACH_SELF = "Vous ne pouvez pas vous retirer vous-même de l'établissement."
CARD_DETACH_HOME = (
    "Cet établissement est l'école de rattachement de {name} (remplaçant, TRS, "
    "PES…) : le guide recommande de ne pas l'en retirer. Retirer quand même ?"
)
CARD_DETACHED = "{name} a été retiré(e) de {structure} (rattachement rétablissable)."
CARD_REATTACHED = "{name} est de nouveau rattaché(e) à {structure}."
CLASS_ALREADY = "Déjà dans cette classe."
CLASS_NO_PUPIL = (
    "Aucun élève dans cette classe : une classe n'apparaît dans l'ENT qu'avec "
    "son premier élève, après le passage ONDE."
)
CLASS_UNKNOWN = "Classe introuvable dans cet établissement."
CARD_CLASS_ADDED = "{name} a été ajouté(e) à {group}."
CARD_CLASS_REMOVED = "{name} a été retiré(e) de {group}."
GROUP_UNKNOWN = "Groupe introuvable dans cet établissement."
GROUP_NOT_EDITABLE = "Seuls les groupes manuels et d'enseignement se modifient dans la console."
GROUP_MEMBERS_ADDED = "{count} utilisateur(s) ajouté(s) au groupe {group}."
GROUP_MEMBERS_REMOVED = "{count} utilisateur(s) retiré(s) du groupe {group}."
CARD_RELATIVE_PROFILES = "Un lien de responsable relie un élève et un parent de l'établissement."
CARD_RELATIVE_ALREADY = "Ce parent est déjà responsable de cet élève."
CARD_RELATIVE_NOT_LINKED = "Ce parent n'est pas responsable de cet élève."
CARD_RELATIVE_LINKED = "{parent} est maintenant responsable de {pupil}."
CARD_RELATIVE_UNLINKED = "{parent} n'est plus responsable de {pupil}."
CARD_ADMIN_NOT_FOR_PROFILE = "Le droit d'administrateur local ne peut pas être donné à un élève ou à un parent."
CARD_ADMIN_NOT_SELF = "Vous ne pouvez pas retirer votre propre droit d'administrateur local."
CARD_ADMIN_ALREADY = "Ce compte est déjà administrateur local de l'établissement."
CARD_ADMIN_NOT = "Ce compte n'est pas administrateur local de l'établissement."
CARD_ADMIN_GRANTED = "{name} est maintenant administrateur local de l'établissement."
CARD_ADMIN_REVOKED = "{name} n'est plus administrateur local de l'établissement."
CARD_IDENTITY_SAVED = "Les informations de {name} ont été enregistrées."
CARD_FEED_WARNING = (
    "Attention : ce compte est alimenté par l'annuaire (ONDE/AAF), la prochaine "
    "alimentation remplacera ces modifications."
)
CARD_ALIAS_SET = "L'alias de connexion de {name} est maintenant « {alias} »."
CARD_ALIAS_REMOVED = "L'alias de connexion de {name} a été supprimé."
CARD_EMAIL_SAVED = "L'adresse électronique de {name} a été enregistrée."
CARD_RENEWAL_NOT_ACTIVATED = (
    "Ce compte n'est pas activé : donnez son code d'activation plutôt qu'un code de renouvellement."
)
CARD_RENEWAL_DONE = "Code de renouvellement de {name} : {code} (valable {days} jours)."
CARD_RENEWAL_JOURNAL = "Code de renouvellement de mot de passe généré pour {name}."
CARD_RESET_NO_EMAIL = "Ce compte n'a pas d'adresse électronique."
CARD_RESET_SENT = "Courriel de réinitialisation du mot de passe envoyé à {email}."
MAIL_RESET_SUBJECT = "Réinitialisation de votre mot de passe ENT"
MAIL_RESET_BODY = (
    "Bonjour,\nUne réinitialisation du mot de passe du compte {login} a été "
    "demandée par l'administrateur de votre école."
)

# --------------------------------------------------------------------------- duplicates
DUPLICATE_BLOCKING = "Bloquant"
DUPLICATE_MINOR = "Mineur"
DUPLICATE_NOT_A_PAIR = "Ces deux comptes ne sont pas signalés comme doublons."
DUPLICATE_DISSOCIATED = "{a} et {b} ne sont plus considérés comme doublons."
DUPLICATE_BOTH_ACTIVATED = "Fusion impossible : les deux comptes sont activés."
DUPLICATE_MERGED = "Les comptes ont été fusionnés : il reste le compte de {survivor} ({login})."

# --------------------------------------------------------------------------- user creation
CREATE_DONE = "L'utilisateur {name} a bien été créé."
CREATE_CHILDREN_ONLY_PARENTS = "Seul un parent peut avoir des enfants rattachés."
CREATE_CHILDREN_PUPILS = "Les enfants choisis doivent être des élèves de l'établissement."

# --------------------------------------------------------------------------- form fields
FIELD_FIRST_NAME = "Prénom"
FIELD_LAST_NAME = "Nom"
FIELD_BIRTH_DATE = "Date de naissance"
FIELD_ADDRESS = "Adresse"
FIELD_REQUIRED = "{field} est obligatoire."
FIELD_TOO_LONG = "{field} : {max} caractères au maximum."
FIELD_CONTROL = "Caractères de contrôle interdits."
FIELD_BIRTH_REQUIRED = "La date de naissance est obligatoire pour un élève."
FIELD_BAD_DATE = "Date invalide : JJ/MM/AAAA ou AAAA-MM-JJ."
FIELD_BIRTH_RANGE = "La date de naissance doit être comprise entre le 01/01/1900 et aujourd'hui."
FIELD_ALIAS_PATTERN = "L'alias ne peut contenir que des minuscules sans accent, des chiffres et des points (64 au maximum)."
FIELD_ALIAS_TAKEN = "L'alias de login « {alias} » est déjà utilisé."
FIELD_EMAIL = "Adresse électronique invalide."

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
CLI_HELP_STRUCTURE = (
    "Établissement (nom, UAI ou identifiant), pour qui en administre plusieurs."
)
CLI_UNKNOWN_STRUCTURE = "Établissement inconnu ou hors de votre périmètre : « {structure} »."

# ---- UI (shell)
# Header, sections, Accueil, structure picker, help, command palette.
UI_ONE = "ONE"
UI_NO_UAI = "sans UAI"
UI_HEADER_STRUCTURE_FMT = "{name} – {uai}"

# Sections, in the real console's order (ids are the section modules' SECTION_ID).
SECTION_TITLE = {
    "home": "Accueil",
    "establishment": "Gérer mon établissement",
    "users": "Utilisateurs",
    "groups": "Groupes",
    "services": "Services",
    "imports": "Imports / Exports",
    "reports": "Signalements",
}
# Shorter tab labels for narrow terminals.
SECTION_SHORT = {
    "home": "Accueil",
    "establishment": "Établissement",
    "users": "Utilisateurs",
    "groups": "Groupes",
    "services": "Services",
    "imports": "Imports",
    "reports": "Signalements",
}
# What each section will hold (placeholders until the section is built).
SECTION_CONTENT = {
    "establishment": (
        ("Informations", "Nom, identifiant, UAI, accès à l'application mobile, "
         "structures parentes, source d'alimentation des comptes ; statistiques "
         "des comptes activés et non activés par profil."),
        ("Message Flash", "Messages affichés aux utilisateurs de l'école : dates de "
         "début et de fin, profils ciblés, couleur du bandeau, notifications."),
        ("Blocage en lot", "Bloquer ou débloquer d'un coup tous les comptes d'un "
         "profil (par exemple élèves et parents pendant l'été), avec l'historique "
         "des actions."),
    ),
    "users": (
        ("Liste des comptes", "Recherche par nom et filtres : profils, classes, "
         "activation, fonctions, sources, doublons, pré-suppression, blocage."),
        ("Fiche de l'utilisateur", "Identité, connexion (identifiant, alias, code "
         "d'activation), établissements, classes, groupes, responsables ou enfants."),
        ("Actions", "Créer un utilisateur, bloquer, supprimer ou pré-supprimer, "
         "détacher de l'établissement, fusionner ou dissocier les doublons."),
    ),
    "groups": (
        ("Groupes automatiques", "Groupes de profils, groupes d'enseignement, "
         "groupes de fonctions et listes de diffusion, en lecture."),
        ("Groupes manuels", "Créer, renommer, supprimer, gérer les membres ; le "
         "groupe RESP-AFFECT-GAR ne se supprime pas."),
        ("Communication", "Règles de communication entre les groupes."),
    ),
    "services": (
        ("Applications", "Rôles de chaque application, attribués à des groupes."),
        ("Connecteurs", "Liens et connecteurs SSO affichés dans « Mes applis »."),
        ("Widgets", "Attribution aux groupes et épinglage sur la page d'accueil."),
    ),
    "imports": (
        ("Export des comptes", "Fichier CSV classique ou de transition d'année, "
         "par classe, profil et activation."),
        ("Distribuer les comptes", "Fiches de connexion avec identifiant et code "
         "d'activation, à imprimer ou à envoyer."),
        ("Import CSV", "Création et mise à jour des comptes des établissements "
         "sans alimentation automatique."),
    ),
    "reports": (
        ("Signalements à traiter", "Notifications du fil d'actualité signalées par "
         "les utilisateurs : les supprimer ou les conserver."),
        ("Historique", "Signalements déjà traités, avec la décision prise, son "
         "auteur et sa date."),
    ),
}
SECTION_COMING = "Cette section arrive dans une prochaine version."

# Accueil
HOME_QUICK_ACTIONS = "Actions rapides"
HOME_QUICK_HINT = "Entrée : ouvrir la section"
HOME_ACCOUNTS = "Comptes"
HOME_ATTENTION = "À surveiller"
HOME_TOTAL = "Comptes de l'établissement"
HOME_INACTIVE = "Comptes non activés"
HOME_BLOCKED = "Comptes bloqués"
HOME_DUPLICATES = "Comptes en doublon"
HOME_PENDING_PREDELETION = "En attente de pré-suppression"
HOME_PREDELETED = "Comptes pré-supprimés"
HOME_REPORTS = "Signalements à traiter"
HOME_FLASH = "Messages flash en cours"
HOME_DAY_FMT = "{weekday} {day} {month} {year} · année scolaire {school_year}"
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre",
)
# Quick actions of the home screen: (label, section id, target inside the section)
QUICK_ACTIONS = (
    ("Créer un utilisateur", "users", "create_user"),
    ("Message flash", "establishment", "flash"),
    ("Blocage en lot", "establishment", "mass_block"),
    ("Créer un groupe manuel", "groups", "create_group"),
    ("Applications et connecteurs", "services", "applications"),
    ("Exporter des comptes", "imports", "export"),
    ("Signalements à traiter", "reports", "pending"),
)

# Keys (footer, help, palette)
KEY_SECTIONS = "Sections"
KEY_STRUCTURE = "Changer d'établissement"
KEY_HELP = "Aide"
KEY_PALETTE = "Commandes"
KEY_QUIT = "Quitter"
KEY_BACK_HOME = "Retour à l'accueil"
KEY_CLOSE = "Fermer"
KEY_CANCEL = "Annuler"
KEY_CHOOSE = "Choisir"
KEY_UP = "Précédent"
KEY_DOWN = "Suivant"
KEY_QUIT_HINT = "Pour quitter la console : {key}."
# Key names shown to the admin (footer: short; help: long).
KEY_NAMES = {
    "escape": "Échap",
    "enter": "Entrée",
    "space": "Espace",
    "tab": "Tab",
    "backspace": "Retour arrière",
    "delete": "Suppr",
    "insert": "Inser",
    "home": "Début",
    "end": "Fin",
    "pageup": "Page préc.",
    "pagedown": "Page suiv.",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
}
KEY_MODIFIERS = {"ctrl": "Ctrl", "shift": "Maj", "alt": "Alt", "meta": "Méta", "super": "Super"}
# Descriptions of Textual's built-in widget actions, for the help screen.
WIDGET_ACTIONS = {
    "cursor_up": "Monter",
    "cursor_down": "Descendre",
    "cursor_left": "Gauche",
    "cursor_right": "Droite",
    "page_up": "Page précédente",
    "page_down": "Page suivante",
    "first": "Premier élément",
    "last": "Dernier élément",
    "select": "Choisir",
    "submit": "Valider",
    "scroll_up": "Faire défiler vers le haut",
    "scroll_down": "Faire défiler vers le bas",
    "scroll_home": "Début",
    "scroll_end": "Fin",
    "app.focus_next": "Élément suivant",
    "app.focus_previous": "Élément précédent",
}

# Help screen
HELP_TITLE = "Aide : touches de cet écran"
HELP_SCOPE_APP = "Partout"
HELP_SCOPE_SCREEN = "Cet écran"
HELP_SCOPE_WIDGET = "Élément sélectionné"
HELP_DISABLED = "(indisponible ici)"
HELP_FOOTNOTE = "Ctrl+P ouvre la liste de toutes les commandes."

# Structure picker
PICKER_TITLE = "Choisir un établissement"
PICKER_INTRO = "{admin} administre {count} établissements."
PICKER_SEARCH = "Rechercher un établissement"
PICKER_COUNT = "{count} établissement(s)"
PICKER_NONE = "Aucun établissement ne correspond à la recherche."
PICKER_CURRENT = "actuel"
PICKER_REQUIRED = "Choisissez un établissement pour continuer (Ctrl+Q pour quitter)."
STRUCTURE_SWITCHED = "Établissement administré : {name}."

# Command palette
PALETTE_PLACEHOLDER = "Rechercher une commande…"
PALETTE_SECTION_HELP = "Ouvrir la section (touche {key})"
PALETTE_STRUCTURE_HELP = "Administrer une autre de vos écoles (touche {key})"
PALETTE_HELP_HELP = "Touches actives sur l'écran courant (touche {key})"
PALETTE_QUIT_HELP = "Fermer la console (touche {key})"
PALETTE_HELP = "Aide : touches de cet écran"
