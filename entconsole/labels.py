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

# --------------------------------------------------------------------------- groups and communication
GROUP_NAME_FIELD = "Nom du groupe"
GROUP_NAME_INVALID = "Nom du groupe invalide (200 caractères au plus, sans caractère de contrôle)."
GROUP_NAME_TAKEN = "Un groupe « {name} » existe déjà dans l'établissement."
GROUP_LOCKED = (
    "Le groupe « {name} » est verrouillé : il ne peut être ni renommé ni "
    "supprimé (le guide : ne jamais supprimer RESP-AFFECT-GAR)."
)
GROUP_CREATED = "Le groupe « {name} » a été créé."
GROUP_RENAMED = "Le groupe « {old} » s'appelle maintenant « {name} »."
GROUP_DELETED = "Le groupe « {name} » a été supprimé ({count} membre(s) retiré(s))."
GROUP_INTERNAL_ALREADY = "La règle de communication interne du groupe est déjà celle-ci."
GROUP_INTERNAL_ON = "Les membres du groupe « {name} » peuvent communiquer entre eux."
GROUP_INTERNAL_OFF = "Les membres du groupe « {name} » ne peuvent pas communiquer entre eux."
COMM_FORBIDDEN = "Opération interdite."
COMM_SAME_GROUP = "Un groupe ne peut pas être relié à lui-même : utilisez la communication interne."
COMM_LINK_EXISTS = "Cette règle de communication existe déjà."
COMM_LINK_MISSING = "Cette règle de communication n'existe pas."
COMM_LINK_ADDED = "Les membres de « {source} » peuvent maintenant communiquer avec « {target} »."
COMM_LINK_REMOVED = "Les membres de « {source} » ne peuvent plus communiquer avec « {target} »."
COMM_WHY_LINK = "règle « {source} » → « {target} »"
COMM_WHY_INTERNAL = "membres du même groupe « {group} », qui communiquent entre eux"
COMM_WHY_RELATIVE = "lien élève–parent porté par « {group} »"
COMM_REACH = {"yes": "Oui", "class": "Ceux de la classe", "own": "Les siens", "no": "Non"}

CLI_HELP_COMM = "Règles de communication : qui peut communiquer avec qui."
CLI_HELP_CAN_TALK = (
    "Dit si LOGIN_A peut communiquer avec LOGIN_B, et par quelles règles "
    "(liens entre groupes, groupe commun, lien élève–parent)."
)
CLI_HELP_MATRIX = "Le tableau « Qui peut communiquer avec qui ? » de l'établissement, calculé depuis les règles."
CLI_COMM_UNKNOWN = "Aucun compte « {login} » dans vos établissements."
CLI_COMM_YES = "Oui : {a} peut communiquer avec {b}, par :"
CLI_COMM_NO = "Non : {a} ne peut pas communiquer avec {b}."
COMM_MATRIX_CORNER = "de \\ vers"

# --------------------------------------------------------------------------- journal and backups
BACKUP_REASON_DELETE = "suppression en lot"
RESTORE_NOT_ALLOWED = (
    "Une restauration remet toute la base en arrière, pour tous les "
    "établissements : elle est réservée à qui les administre tous."
)
RESTORE_UNKNOWN = "Aucune sauvegarde nommée « {name} » (voir entconsole backups)."
RESTORE_DONE = "Base restaurée depuis la sauvegarde {name}."
RESTORE_CONFIRM = (
    "Remettre toute la base dans l'état de la sauvegarde {name} ? L'état actuel "
    "sera d'abord sauvegardé."
)
RESTORE_NEEDS_YES = "Sans terminal, confirmez la restauration avec --yes."
CLI_HELP_JOURNAL = "Le journal des actions (les plus récentes d'abord)."
CLI_HELP_SINCE = "Seulement depuis cette date (AAAA-MM-JJ)."
CLI_HELP_ACTOR = "Seulement les actions de cet identifiant."
CLI_HELP_BACKUPS = "Liste les copies de sauvegarde de la base (les plus récentes d'abord)."
CLI_HELP_RESTORE = "Restaure la base depuis une copie de sauvegarde (après en avoir fait une de l'état actuel)."
CLI_HELP_YES = "Ne pas demander de confirmation."
JOURNAL_LINE = "{when}  {actor:<24} {count:>6}  {summary}"
JOURNAL_HEADER = "Quand             Qui                      Nombre  Quoi"
JOURNAL_TOTAL = "{count} action(s)"
JOURNAL_EMPTY = "Le journal est vide."
BACKUP_LINE = "{name}  {saved}  révision {revision}  {size} Ko"
BACKUPS_EMPTY = "Aucune copie de sauvegarde."

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
STORE_BACKUP_FAILED = (
    "La copie de sauvegarde dans {path} a échoué ({detail}) : l'action n'a pas "
    "été faite."
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
CLI_HELP_USERS = (
    "Liste les utilisateurs de l'établissement, avec les mêmes filtres que "
    "l'écran Utilisateurs (par défaut, les comptes pré-supprimés sont masqués)."
)
CLI_HELP_USERS_PROFILE = "Profil (Enseignant, Élève, Parent, Personnel, Invité) ; répétable."
CLI_HELP_USERS_CLASS = "Classe (nom, par exemple « CM1 A ») ; répétable."
CLI_HELP_USERS_SOURCE = "Source (Manuel, AAF, AAF1D, CSV…) ; répétable."
CLI_HELP_USERS_ACTIVATED = "Seulement les comptes activés / non activés."
CLI_HELP_USERS_BLOCKED = "Seulement les comptes bloqués / non bloqués."
CLI_HELP_USERS_DUPLICATES = "Seulement les comptes en doublon / uniques."
CLI_HELP_USERS_ADMINS = "Seulement les administrateurs locaux."
CLI_HELP_USERS_PREDELETED = (
    "Pré-suppression : yes (pré-supprimés), pending (en attente), no (ni l'un "
    "ni l'autre) ; répétable. Par défaut : pending et no."
)
CLI_HELP_USERS_BEFORE = "Créés avant cette date."
CLI_HELP_USERS_SINCE = "Créés depuis cette date."
CLI_HELP_USERS_SEARCH = "Recherche sur le prénom et le nom (sans accents ni majuscules)."
CLI_HELP_USERS_SORT = "Tri par nom (name) ou par profil (profile)."
CLI_USERS_UNKNOWN_PROFILE = "Profil inconnu : « {value} » (Enseignant, Élève, Parent, Personnel, Invité)."
CLI_UNKNOWN_SOURCE = "Source inconnue : « {value} »."
CLI_UNKNOWN_CLASS = "Classe inconnue dans cet établissement : « {value} »."
USERS_COUNT = "{count} utilisateur(s)"
USERS_NONE = "Aucun utilisateur"
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

# ---- Gérer mon établissement (issue 4)
# Tabs
EST_TAB_INFO = "Informations"
EST_TAB_FLASH = "Message Flash"
EST_TAB_BLOCK = "Blocage en lot"
KEY_EST_INFO = "Informations"
KEY_EST_FLASH = "Message Flash"
KEY_EST_BLOCK = "Blocage en lot"

# Informations
INFO_GENERAL = "Général"
INFO_NAME = "Nom"
INFO_ID = "Identifiant"
INFO_UAI = "UAI / RNE"
INFO_MOBILE = "Accès à l'application mobile"
INFO_PARENTS = "Structure(s) parente(s)"
INFO_FEED = "Source d'alimentation des comptes"
INFO_NONE = "—"
INFO_NAME_SAVE = "Enregistrer le nom"
INFO_NAME_RESET = "Rétablir le nom par défaut"
INFO_NAME_DEFAULT = "Nom par défaut : {name}"
INFO_STATS = "Statistiques"
INFO_STATS_HEAD = ("Profil", "Activés", "Non activés", "Total", "% activés")
INFO_STATS_TOTAL = "Total"
INFO_STATS_LEGEND_ON = "comptes activés"
INFO_STATS_LEGEND_OFF = "comptes non activés"
STRUCTURE_RENAMED = "L'établissement s'appelle désormais « {name} »."
STRUCTURE_NAME_RESET = "Le nom par défaut « {name} » est rétabli."
STRUCTURE_NAME_EMPTY = "Le nom ne peut pas être vide."
STRUCTURE_NAME_TOO_LONG = "Le nom ne peut pas dépasser {max} caractères."
STRUCTURE_NAME_UNCHANGED = "Le nom n'a pas changé."
STRUCTURE_NO_DEFAULT_NAME = "Cet établissement n'a pas de nom par défaut."

# Message Flash: list
FLASH_FILTER = {"all": "Tous", "current": "En cours", "upcoming": "À venir", "obsolete": "Obsolète"}
FLASH_STATUS = {"current": "En cours", "upcoming": "À venir", "obsolete": "Obsolète"}
FLASH_COLUMNS = (
    "Titre", "Message", "Date de début", "Date de fin", "Nombre de vues", "Auteur",
    "Dernière modification",
)
FLASH_COUNT = ("{shown} message sur {total}", "{shown} messages sur {total}")
FLASH_MARKED = ("{count} marqué (Suppr pour supprimer)", "{count} marqués (Suppr pour supprimer)")
FLASH_EMPTY = "Aucun message flash dans ce filtre."
FLASH_PREVIEW_AS = "Aperçu en tant que"
FLASH_PREVIEW_NONE = "Aucun message affiché aujourd'hui pour ce profil."
FLASH_PREVIEW_COUNT = (
    "{count} message affiché aujourd'hui :",
    "{count} messages affichés aujourd'hui, du plus récent au plus ancien :",
)
KEY_FLASH_NEW = "Créer"
FLASH_NEW_BUTTON = "Créer un message (n)"
KEY_FLASH_EDIT = "Éditer"
KEY_FLASH_DUPLICATE = "Dupliquer"
KEY_FLASH_DELETE = "Supprimer"
KEY_FLASH_MARK = "Marquer"
KEY_FLASH_FILTER = "Filtre"
KEY_FLASH_PREVIEW = "Aperçu en tant que"
FLASH_DELETE_TITLE = "Supprimer des messages flash"
FLASH_DELETE_ONE = "Supprimer définitivement le message flash « {title} » ?"
FLASH_DELETE_MANY = "Supprimer définitivement ces {count} messages flash ?"
FLASH_DELETED_ONE = "Le message flash « {title} » est supprimé."
FLASH_DELETED_MANY = "{count} messages flash supprimés."
FLASH_NONE_SELECTED = "Aucun message sélectionné."
FLASH_NOT_FOUND = "Ce message flash n'existe plus."
FLASH_OUT_OF_SCOPE = (
    "Le message « {title} » est aussi diffusé dans un établissement que vous "
    "n'administrez pas : vous ne pouvez pas le modifier."
)

# Message Flash: form
FLASH_FORM_CREATE = "Créer un message flash"
FLASH_FORM_EDIT = "Modifier le message flash"
FLASH_FORM_DUPLICATE = "Dupliquer le message flash"
FLASH_TITLE = "Titre *"
FLASH_TITLE_HINT = "Pour vous seul : les utilisateurs ne le voient pas."
FLASH_START = "Date de début *"
FLASH_END = "Date de fin *"
FLASH_END_HINT = "Le message est affiché jusqu'à minuit ce jour-là."
FLASH_DATE_PLACEHOLDER = "jj/mm/aaaa"
FLASH_PROFILES = "Profil(s) *"
FLASH_LANGUAGE = "Langue"
FLASH_LANGUAGE_FILLED = "{language} ✓"
FLASH_COLOR = "Couleur du bandeau *"
FLASH_COLORS = {
    "grey-dark": "Gris foncé",
    "red": "Rouge",
    "orange": "Orange",
    "green": "Vert",
    "blue": "Bleu",
}
FLASH_NOTIFICATION = "Notification"
FLASH_NOTIFY_MAIL = "Notification mail"
FLASH_NOTIFY_MOBILE = "Notification mobile"
FLASH_NOTIFY_RULE = (
    "Vous ne pouvez envoyer des notifications que pour les messages débutant "
    "aujourd'hui et diffusés sur un seul établissement."
)
FLASH_MESSAGE = "Message ({language})"
FLASH_PREVIEW = "Aperçu du message"
FLASH_PREVIEW_EMPTY = "Le texte du message s'affichera ici."
FLASH_CANCEL = "Annuler"
FLASH_PUBLISH = "Mettre en ligne"
KEY_FLASH_PUBLISH = "Mettre en ligne"
FLASH_COPY_TITLE = "{title} (copie)"
LANGUAGES = {
    "fr": "Français",
    "en": "Anglais",
    "es": "Espagnol",
    "pt": "Portugais",
    "de": "Allemand",
    "it": "Italien",
}

# Message Flash: rules
FLASH_ERR_TITLE = "Le titre est obligatoire."
FLASH_ERR_TITLE_LONG = "Le titre ne peut pas dépasser {max} caractères."
FLASH_ERR_DATE_REQUIRED = "La date est obligatoire."
FLASH_ERR_DATE_FORMAT = "Date invalide : jj/mm/aaaa ou aaaa-mm-jj."
FLASH_ERR_START_AFTER_END = "La date de début doit précéder la date de fin."
FLASH_ERR_END_PAST = "La date de fin est passée : le message ne serait jamais affiché."
FLASH_ERR_PROFILES = "Choisissez au moins un profil."
FLASH_ERR_TEXT = "Le message est vide dans toutes les langues."
FLASH_ERR_FORM = "Le message n'est pas mis en ligne : corrigez les champs signalés."
FLASH_WARN_LIVE = (
    "{count} messages seront en ligne en même temps pour : {profiles}. Le guide "
    "conseille de ne pas en afficher plus de deux à la fois."
)
FLASH_WARN_CONFIRM_TITLE = "Plus de deux messages en même temps"
FLASH_WARN_CONFIRM = "{warning}\n\nMettre en ligne quand même ?"
FLASH_CREATED = "Le message flash « {title} » est mis en ligne ({status})."
FLASH_UPDATED = "Le message flash « {title} » est modifié ({status})."
FLASH_NOTIFIED = (
    " Notification envoyée à {count} utilisateur ({channels}).",
    " Notification envoyée à {count} utilisateurs ({channels}).",
)
FLASH_CHANNEL = {"mail": "mail", "mobile": "mobile"}
FLASH_MAIL_SUBJECT = "{structure} : nouveau message"

# Blocage en lot
BLOCK_TITLE = "Bloquer / Débloquer en lot"
BLOCK_INTRO = "Vous pouvez bloquer des utilisateurs par profil."
BLOCK_LINK = "Consulter la liste des utilisateurs bloqués"
BLOCK_WARNING = (
    "Attention : si vous bloquez tous les comptes, vous ne pourrez plus dissocier "
    "les utilisateurs qui seraient actuellement bloqués."
)
BLOCK_BUTTON = "Bloquer"
UNBLOCK_BUTTON = "Débloquer"
BLOCK_ROW_ACCOUNTS = ("{count} compte", "{count} comptes")
BLOCK_ROW_BLOCKED = ("{count} bloqué", "{count} bloqués")
BLOCK_ACTION = {"BLOCK": "Blocage", "UNBLOCK": "Déblocage"}
BLOCK_CONFIRM_TITLE = {"BLOCK": "Bloquer en lot", "UNBLOCK": "Débloquer en lot"}
BLOCK_CONFIRM = {
    "BLOCK": (
        "Bloquer {count} compte du profil {profile} ? Cet utilisateur ne pourra plus se connecter à l'ENT.",
        "Bloquer {count} comptes du profil {profile} ? Ces utilisateurs ne pourront plus se connecter à l'ENT.",
    ),
    "UNBLOCK": (
        "Débloquer {count} compte du profil {profile} ? Cet utilisateur pourra de nouveau se connecter.",
        "Débloquer {count} comptes du profil {profile} ? Ces utilisateurs pourront de nouveau se connecter.",
    ),
}
BLOCK_CONFIRM_SKIP = (
    "{count} compte d'administrateur local ne sera pas modifié.",
    "{count} comptes d'administrateur local ne seront pas modifiés.",
)
BLOCK_CONFIRM_EVERYWHERE = (
    "Le blocage d'un enseignant ou d'un personnel vaut dans tous ses établissements."
)
BLOCK_DONE = {
    "BLOCK": ("{count} compte du profil {profile} bloqué.", "{count} comptes du profil {profile} bloqués."),
    "UNBLOCK": ("{count} compte du profil {profile} débloqué.", "{count} comptes du profil {profile} débloqués."),
}
BLOCK_SKIPPED = (
    " {count} compte d'administrateur local laissé tel quel.",
    " {count} comptes d'administrateur local laissés tels quels.",
)
BLOCK_NOTHING = {
    "BLOCK": "Aucun compte du profil {profile} à bloquer.",
    "UNBLOCK": "Aucun compte du profil {profile} à débloquer.",
}
BLOCK_HISTORY = "Historique des actions"
BACKUP_REASON_MASS = {"BLOCK": "blocage en lot", "UNBLOCK": "déblocage en lot"}
BLOCK_HISTORY_COLUMNS = ("Date", "Type d'action", "Profil", "Nom d'affichage", "Comptes")
BLOCK_HISTORY_EMPTY = "Aucune action de blocage ou de déblocage."
BLOCK_PAGER = "Éléments par page {size} · {first}-{last} sur {total} · page {page}/{pages}"
KEY_BLOCK_SORT = "Trier"
KEY_BLOCK_REVERSE = "Inverser l'ordre"
KEY_BLOCK_PAGE_SIZE = "Éléments par page"
KEY_BLOCK_NEXT_PAGE = "Page suivante"
KEY_BLOCK_PREV_PAGE = "Page précédente"
KEY_CONFIRM = "Confirmer"
CONFIRM_YES = "Confirmer"
CONFIRM_NO = "Annuler"

# Command line
CLI_HELP_BLOCK = "Bloque tous les comptes d'un profil dans l'établissement (sauf les administrateurs locaux)."
CLI_HELP_UNBLOCK = "Débloque tous les comptes d'un profil dans l'établissement (sauf les administrateurs locaux)."
CLI_HELP_PROFILE = "Profil : Personnel, Enseignant, Parent, Élève ou Invité (ou Teacher, Student…)."
CLI_UNKNOWN_PROFILE = "Profil inconnu « {profile} » : {choices}."
CLI_HELP_FLASH = "Messages flash de l'établissement."
CLI_HELP_FLASH_LIST = "Liste les messages flash (statut calculé à la date du jour)."
CLI_HELP_FLASH_STATUS = "Seulement les messages en cours, à venir ou obsolètes."
CLI_HELP_JSON = "Sortie JSON."
CLI_FLASH_NONE = "Aucun message flash."
CLI_FLASH_LINE = "{status:<9} {start} → {end}  {title}  [{profiles}]  {views}"
CLI_FLASH_VIEWS = ("{count} vue", "{count} vues")

# ---- Services et Signalements (issue 6)
# Dates of reports and decisions: "03/09/2024 à 23:38"
SR_DATETIME = "{moment:%d/%m/%Y à %H:%M}"
# Tabs inside a section (Services, Signalements)
KEY_SR_PREV_TAB = "Onglet précédent"
KEY_SR_NEXT_TAB = "Onglet suivant"
KEY_SR_CONFIRM = "Confirmer"
KEY_SR_CLEAR_SEARCH = "Effacer la recherche"

# Services: tabs
SVC_TAB_APPS = "Applications"
SVC_TAB_CONNECTORS = "Connecteurs"
SVC_TAB_WIDGETS = "Widgets"

# Services: groups that can receive a role, a connector or a widget
SVC_GROUP_KIND = {
    "profile": "profil",
    "class": "classe",
    "teaching": "enseignement",
    "manual": "manuel",
}
SVC_GROUP_NOT_IN_STRUCTURE = "Ce groupe n'appartient pas à l'établissement administré."
SVC_NO_GROUP_CHOSEN = "Choisissez au moins un groupe."
KEY_SVC_ADD_GROUPS = "Ajouter des groupes"
KEY_SVC_REMOVE_GROUP = "Retirer le groupe"

# Services: applications
APP_SEARCH = "Rechercher une application"
APP_COUNT = "{count} application(s)"
APP_NONE = "Aucune application ne correspond à la recherche."
APP_ROLES = "Rôles et groupes qui les détiennent"
APP_ROLE_COUNT = "{count} groupe(s)"
APP_ROLE_NO_GROUP = "Aucun groupe lié à ce rôle"
APP_HINT = "a : ajouter des groupes au rôle · d : retirer le groupe"
APP_PICK_ROLE = "Placez-vous sur un rôle ou sur l'un de ses groupes."
APP_PICK_GROUP = "Placez-vous sur le groupe à retirer."
APP_NOT_FOUND = "Cette application n'existe plus."
APP_ROLE_NOT_FOUND = "Ce rôle n'existe plus dans l'application."
APP_ROLE_GRANTED_ONE = "Rôle « {role} » attribué au groupe « {group} »."
APP_ROLE_GRANTED = "Rôle « {role} » attribué à {count} groupe(s)."
APP_ROLE_ALREADY = "Ces groupes ont déjà le rôle « {role} »."
APP_ROLE_REVOKED_ONE = "Rôle « {role} » retiré au groupe « {group} »."
APP_ROLE_REVOKED = "Rôle « {role} » retiré à {count} groupe(s)."
APP_ROLE_NOT_HELD = "Ce groupe n'a pas le rôle « {role} »."
APP_PICKER_TITLE = "Ajouter des groupes au rôle « {role} »"
APP_CONFIRM_REVOKE_TITLE = "Retirer un rôle"
APP_CONFIRM_REVOKE = (
    "Retirer le rôle « {role} » (application {app}) au groupe « {group} » ? "
    "Les membres du groupe perdront ce droit."
)
KEY_APP_SEARCH = "Rechercher une application"

# Services: connectors
CONN_LOCKED_ICON = "⊘"
CONN_INHERITED_ICON = "↳"
CONN_LEGEND = "⊘ verrouillé   ↳ hérité (lecture seule)"
CONN_NONE = "Aucun connecteur dans cet établissement : n pour en créer un."
CONN_COUNT = "{count} connecteur(s)"
CONN_FIELD = {
    "identifier": "Identifiant*",
    "display_name": "Nom d'affichage*",
    "url": "URL*",
    "icon": "Icône",
    "target": "Cible",
    "cas_type": "Type CAS",
    "cas_pattern": "Motif d'adresse CAS",
    "oauth_client_id": "Identifiant client OAuth",
    "oauth_secret": "Secret OAuth",
    "oauth_scope": "Portée OAuth (scope)",
    "oauth_grant_type": "Type d'autorisation OAuth",
    "oauth_transfer_session": "Transférer la session",
}
CONN_TARGET = {"PAGE": "Page", "NEW_PAGE": "Nouvelle page", "IFRAME": "Iframe"}
CONN_PART_PROPERTIES = "Propriétés"
CONN_PART_CAS = "CAS"
CONN_PART_OAUTH = "OAuth"
CONN_ACCESS = "Droits d'accès"
CONN_NO_GROUP = "Aucun groupe n'a accès à ce connecteur."
CONN_EMPTY_VALUE = "—"
CONN_READ_ONLY_LOCKED = (
    "Ce connecteur est verrouillé : il est en lecture seule (propriétés et "
    "droits d'accès)."
)
CONN_READ_ONLY_INHERITED = (
    "Ce connecteur est hérité d'une structure parente : il est en lecture "
    "seule dans cet établissement (propriétés et droits d'accès)."
)
CONN_HINT = "n : créer · Entrée : modifier · a : donner l'accès · d : supprimer / retirer"
CONN_FORM_CREATE = "Créer un connecteur"
CONN_FORM_EDIT = "Modifier le connecteur « {name} »"
CONN_FORM_HINT = "Tab : champ suivant · Entrée : enregistrer · Échap : annuler"
CONN_FORM_REQUIRED_NOTE = "* champ obligatoire"
CONN_SAVE = "Enregistrer"
CONN_REQUIRED = "Ce champ est obligatoire."
CONN_BAD_URL = (
    "L'URL doit commencer par http:// ou https:// et indiquer un site "
    "(par exemple https://exemple.fr/)."
)
CONN_DUPLICATE = "L'identifiant « {identifier} » est déjà utilisé par le connecteur « {name} »."
CONN_TOO_LONG = "{max} caractères au plus."
CONN_CONTROL_CHARS = "Ce champ contient des caractères interdits."
CONN_OAUTH_CLIENT_REQUIRED = "Renseignez l'identifiant client OAuth pour utiliser les autres champs OAuth."
CONN_CREATED = "Le connecteur « {name} » est créé."
CONN_UPDATED = "Le connecteur « {name} » est modifié."
CONN_UNCHANGED = "Aucune modification du connecteur « {name} »."
CONN_DELETED = "Le connecteur « {name} » est supprimé."
CONN_NOT_FOUND = "Ce connecteur n'existe plus dans l'établissement."
CONN_CONFIRM_DELETE_TITLE = "Supprimer un connecteur"
CONN_CONFIRM_DELETE = (
    "Supprimer définitivement le connecteur « {name} » ({identifier}) ? "
    "{count} groupe(s) perdront l'accès."
)
CONN_GRANTED_ONE = "Accès au connecteur « {name} » donné au groupe « {group} »."
CONN_GRANTED = "Accès au connecteur « {name} » donné à {count} groupe(s)."
CONN_ALREADY = "Ces groupes ont déjà accès au connecteur « {name} »."
CONN_WITHDRAWN_ONE = "Accès au connecteur « {name} » retiré au groupe « {group} »."
CONN_WITHDRAWN = "Accès au connecteur « {name} » retiré à {count} groupe(s)."
CONN_NOT_GRANTED = "Ce groupe n'a pas accès au connecteur « {name} »."
CONN_PICKER_TITLE = "Donner l'accès au connecteur « {name} »"
CONN_CONFIRM_WITHDRAW_TITLE = "Retirer un droit d'accès"
CONN_CONFIRM_WITHDRAW = "Retirer au groupe « {group} » l'accès au connecteur « {name} » ?"
KEY_CONN_NEW = "Créer un connecteur"
KEY_CONN_EDIT = "Modifier"
KEY_CONN_DELETE = "Supprimer"
KEY_CONN_SAVE = "Enregistrer"

# Services: widgets
WDG_PIN = "Épingler le widget et le rendre obligatoire sur la page d'accueil"
WDG_PINNED_ICON = "◆"
WDG_LEGEND = "◆ épinglé sur la page d'accueil"
WDG_GROUPS = "Groupes de l'établissement ayant ce widget"
WDG_NO_GROUP = "Aucun groupe de l'établissement n'a ce widget."
WDG_COUNT = "{count} widget(s)"
WDG_HINT = "p : épingler · a : ajouter des groupes · d : retirer le groupe"
WDG_NOT_FOUND = "Ce widget n'existe plus."
WDG_PINNED_DONE = "Le widget « {name} » est épinglé : il est obligatoire sur la page d'accueil."
WDG_UNPINNED_DONE = "Le widget « {name} » n'est plus épinglé."
WDG_GRANTED_ONE = "Widget « {name} » attribué au groupe « {group} »."
WDG_GRANTED = "Widget « {name} » attribué à {count} groupe(s)."
WDG_ALREADY = "Ces groupes ont déjà le widget « {name} »."
WDG_WITHDRAWN_ONE = "Widget « {name} » retiré au groupe « {group} »."
WDG_WITHDRAWN = "Widget « {name} » retiré à {count} groupe(s)."
WDG_NOT_GRANTED = "Ce groupe n'a pas le widget « {name} »."
WDG_PICKER_TITLE = "Attribuer le widget « {name} » à des groupes"
WDG_CONFIRM_WITHDRAW_TITLE = "Retirer un widget"
WDG_CONFIRM_WITHDRAW = "Retirer le widget « {name} » au groupe « {group} » ?"
KEY_WDG_PIN = "Épingler / désépingler"

# Group picker (reusable: roles, connectors, widgets…)
GPICK_SEARCH = "Rechercher un groupe"
GPICK_COUNT = "{count} groupe(s) · {selected} coché(s)"
GPICK_NONE = "Aucun groupe ne correspond à la recherche."
GPICK_EMPTY = "Tous les groupes de l'établissement sont déjà choisis."
GPICK_HINT = "Espace : cocher · Entrée : ajouter les groupes cochés (ou celui en surbrillance)"
KEY_GPICK_TOGGLE = "Cocher / décocher"
KEY_GPICK_ADD = "Ajouter"

# Signalements
RPT_TAB_PENDING = "Signalements à traiter"
RPT_TAB_HISTORY = "Historique"
RPT_NONE_PENDING = "Aucun signalement à traiter."
RPT_NONE_TREATED = "Aucun signalement traité."
RPT_AUTHOR = "Auteur : {name}"
RPT_RESOURCE = "Dans : {resource}"
RPT_NOTIFIED = "Notification du {date}"
RPT_REPORTED = "Signalé le {date} par {name}"
RPT_REPORTERS = "{count} signalement(s)"
RPT_REPORTERS_TITLE = "Signalé par"
RPT_REPORTER_LINE = "{name}, le {date}"
RPT_STATE = {"DELETE": "Notification supprimée", "KEEP": "Notification conservée"}
RPT_DECISION = "{state} le {date} par {name}"
RPT_EARLIER = "Auparavant : {state} le {date} par {name}"
RPT_AUTHOR_BLOCKED = "Compte de l'auteur bloqué"
RPT_AUTHOR_GONE = "L'auteur n'a plus de compte dans cet établissement."
RPT_HINT_PENDING = "Entrée : traiter · b : bloquer l'auteur · f : fiche de l'auteur"
RPT_HINT_HISTORY = "s : supprimer (si conservée) · b : bloquer l'auteur · f : fiche de l'auteur"
RPT_NOT_FOUND = "Ce signalement n'existe pas dans l'établissement administré."
RPT_ALREADY_DELETED = "Cette notification est déjà supprimée : elle ne peut pas être réaffichée."
RPT_ALREADY_KEPT = "Cette notification est déjà conservée."
RPT_DONE_DELETE = "Notification supprimée : elle est masquée pour tous les utilisateurs."
RPT_DONE_KEEP = "Notification conservée : le signalement passe dans l'historique."
# "Traiter le signalement"
RPT_TREAT_TITLE = "Traiter le signalement"
RPT_TREAT_DELETE = "Supprimer"
RPT_TREAT_KEEP = "Conserver"
RPT_TREAT_CANCEL = "Annuler"
RPT_TREAT_DELETE_HELP = (
    "la notification est masquée pour tous les utilisateurs. C'est "
    "définitif : elle ne pourra pas être réaffichée."
)
RPT_TREAT_KEEP_HELP = (
    "la notification reste visible et le signalement passe dans "
    "l'historique ; elle pourra encore être supprimée plus tard."
)
RPT_CONFIRM_DELETE_TITLE = "Supprimer la notification"
RPT_CONFIRM_DELETE = (
    "Supprimer la notification de {author}, conservée jusqu'ici ? Elle sera "
    "masquée pour tous les utilisateurs. C'est définitif : elle ne pourra pas "
    "être réaffichée."
)
# "Bloquer l'auteur"
RPT_BLOCK_TITLE = "Bloquer l'auteur"
RPT_BLOCK_QUESTION = (
    "Bloquer le compte de {name} ({profile}) ? Cette personne ne pourra plus "
    "se connecter à l'ENT ni partager de nouveau le contenu."
)
RPT_BLOCK_EVERYWHERE = (
    "Attention : bloquer un enseignant ou un personnel le bloque dans tous "
    "ses établissements."
)
RPT_BLOCK_PROCEDURE = (
    "En cas de crise, le guide conseille : supprimer la notification, bloquer "
    "le compte de l'auteur, puis le convoquer pour supprimer le contenu avec lui."
)
RPT_BLOCK_AND_DELETE = "Supprimer la notification et bloquer"
RPT_BLOCK_ONLY = "Bloquer seulement"
RPT_BLOCK = "Bloquer"
RPT_BLOCKED_AND_DELETED = "Notification supprimée et compte de {name} bloqué."
RPT_DELETED_ALREADY_BLOCKED = "Notification supprimée ; le compte de {name} était déjà bloqué."
RPT_ALREADY_BLOCKED = "Le compte de {name} est déjà bloqué."
KEY_RPT_TREAT = "Traiter le signalement"
KEY_RPT_DELETE = "Supprimer"
KEY_RPT_KEEP = "Conserver"
KEY_RPT_DELETE_KEPT = "Supprimer la notification"
KEY_RPT_BLOCK = "Bloquer l'auteur"
KEY_RPT_BLOCK_AND_DELETE = "Supprimer et bloquer"
KEY_RPT_BLOCK_ONLY = "Bloquer seulement"
KEY_RPT_AUTHOR_CARD = "Fiche de l'auteur"

# Command line: apps, reports
CLI_HELP_APPS = (
    "Liste les applications avec, pour chaque rôle, les groupes de "
    "l'établissement qui le détiennent ; puis les connecteurs et les widgets."
)
CLI_HELP_SR_JSON = "Sortie JSON."
CLI_HELP_REPORTS = "Liste les signalements de l'établissement : à traiter, puis traités."
CLI_HELP_REPORTS_PENDING = "Seulement les signalements à traiter."
CLI_HELP_REPORTS_TREATED = "Seulement les signalements traités (historique)."
CLI_REPORTS_BOTH = "Choisissez --pending ou --treated, pas les deux."
CLI_APPS_TITLE = "Applications ({structure})"
CLI_APPS_CONNECTORS = "Connecteurs"
CLI_APPS_WIDGETS = "Widgets"
CLI_APPS_NO_GROUP = "(aucun groupe)"
CLI_APPS_FLAGS = {"locked": "verrouillé", "inherited": "hérité", "pinned": "épinglé"}
CLI_REPORTS_PENDING = "Signalements à traiter : {count}"
CLI_REPORTS_TREATED = "Signalements traités : {count}"

# ---- Utilisateurs: fiche et création (issue 3)
# Card: header, banners
CARD_NONE = "—"
CARD_BREADCRUMB = "Utilisateurs › Fiche de l'utilisateur"
CARD_LAST_LOGIN = "Dernière connexion : {when}"
CARD_NEVER_LOGGED = "Jamais connecté"
CARD_GONE = "Ce compte n'existe plus dans l'établissement (supprimé ou fusionné). Échap : retour."
CARD_DAYS = "{days} jour(s)"
BANNER_ADMIN = "Administrateur local de cet établissement."
BANNER_INACTIVE = "Compte non activé · code d'activation : {code}"
BANNER_BLOCKED = "Compte bloqué : l'utilisateur ne peut plus se connecter."
BANNER_DETACHED = "Compte retiré de cet établissement."
BANNER_DUPLICATE = "Compte en doublon ({count})."
BANNER_PREDELETED = "Compte pré-supprimé : suppression effective dans {days}."
BANNER_PENDING = "Compte en attente de pré-suppression : il sera pré-supprimé dans {days}."
ACT_UNBLOCK = "Débloquer"
ACT_REATTACH = "Rétablir le rattachement"
ACT_DUPLICATES = "Gérer les doublons"
ACT_RESTORE = "Restaurer"

# Card: sections
CARD_SEC_IDENTITY = "Identité"
CARD_SEC_CONNECTION = "Connexion"
CARD_SEC_ADMIN_INFO = "Informations administratives"
CARD_SEC_QUOTA = "Quota"
CARD_SEC_DUPLICATES = "Doublon(s)"
CARD_SEC_RELATIVES = "Responsable(s)"
CARD_SEC_CHILDREN = "Enfant(s)"
CARD_SEC_STRUCTURES = "Établissement(s)"
CARD_SEC_CLASSES = "Classe(s)"
CARD_SEC_TEACHING = "Groupe(s) d'enseignement"
CARD_SEC_MANUAL = "Groupe(s) manuel(s)"
CARD_SEC_ADMIN = "Administrateur local"
CARD_SEC_COMM = "Règles de communication"

# Card: fields
CARD_DISPLAY_NAME = "Nom d'affichage"
CARD_PROFILE = "Profil"
CARD_POSITION = "Fonction"
CARD_SOURCE = "Source"
CARD_EXTERNAL_ID = "Identifiant externe"
CARD_INE = "INE"
CARD_MOBILE = "Téléphone mobile"
CARD_CREATED = "Date de création"
CARD_MODIFIED = "Dernière modification"
CARD_LAST_LOGIN_LABEL = "Dernière connexion"
CARD_STATE = "État"
CARD_ACTIVATED = "activé"
CARD_NOT_ACTIVATED = "non activé"
CARD_LOGIN = "Identifiant"
CARD_LOGIN_READONLY = "non modifiable"
CARD_ALIAS = "Alias de connexion"
CARD_ACTIVATION_CODE = "Code d'activation"
CARD_ACTIVATION_DONE = "compte activé"
CARD_EMAIL = "Courriel"
CARD_RENEWAL = "Renouvellement"
CARD_RENEWAL_BUTTON = "Générer un code de renouvellement de mot de passe"
CARD_RENEWAL_SHOWN = "{code} · valable jusqu'au {until} ({days} jours)"
CARD_RENEWAL_NONE = "aucun code en cours"
CARD_RENEWAL_INACTIVE = "réservé aux comptes activés"
CARD_RESET = "Réinitialisation"
CARD_RESET_BUTTON = "Envoyer"
CARD_RESET_HINT = "un courriel de réinitialisation à {email}"
CARD_RESET_NO_MAIL = "aucune adresse électronique"
CARD_SAVE = "Enregistrer"
CARD_SAVE_INFO = "Enregistrer les informations"
CARD_DATE_PLACEHOLDER = "jj/mm/aaaa"
CARD_FEED_LINE = (
    "Compte alimenté par l'annuaire ({source}) : la prochaine alimentation "
    "remplacera les modifications faites ici."
)
CARD_QUOTA_USED = "{used} sur {total} ({percent} %)"
CARD_SIZE_UNITS = ("o", "Ko", "Mo", "Go", "To")
CARD_STRUCTURES = "Établissements"
CARD_CLASSES = "Classes"
CARD_FAMILY = "Responsables / enfants"
CARD_STRUCTURE_CURRENT = "cette école"
CARD_STRUCTURE_HOME = "école de rattachement"
CARD_STRUCTURE_DETACHED = "retiré"
CARD_SCORE = "score {score}"
CARD_STATUS_SHORT = {
    "inactive": "non activé",
    "blocked": "bloqué",
    "duplicate": "en doublon",
    "predeleted": "pré-supprimé",
    "pending_predeletion": "en attente de pré-suppression",
}
CARD_ADMIN_YES = "{name} est administrateur local de cet établissement."
CARD_ADMIN_NO = "{name} n'est pas administrateur local de cet établissement."
CARD_ADMIN_NOT_OFFERED = "Droit non proposé pour un élève ou un parent."
CARD_ADMIN_COUNT = "Administrateurs locaux de l'établissement ({count}) : {names}."
CARD_ADMIN_ADVICE = (
    "Le guide conseille de déléguer ce droit à un collègue au plus, en plus du directeur."
)
CARD_ADMIN_GRANT = "Attribuer droit d'Administrateur local"
CARD_ADMIN_REVOKE = "Retirer droit d'Administrateur local"
CARD_BLOCK = "Bloquer"
CARD_UNBLOCK = "Débloquer"
CARD_DELETE = "Supprimer le compte"
CARD_PREDELETE = "Pré-supprimer le compte"
CARD_RESTORE = "Restaurer"
CARD_DETACH = "Retirer de cet établissement"
CARD_REATTACH = "Rétablir le rattachement"
CARD_DELETE_NOT_ALLOWED = "Non supprimable : compte alimenté par l'annuaire et toujours présent dans l'alimentation."

# Card: lists
CARD_LIST_ADD = {
    "classes": "+ Ajouter une classe…",
    "teaching": "+ Ajouter un groupe d'enseignement…",
    "manual": "+ Ajouter un groupe manuel…",
    "relatives": "+ Ajouter un responsable…",
    "children": "+ Ajouter un enfant…",
}
CARD_LIST_EMPTY = {
    "duplicates": "Aucun doublon.",
    "relatives": "Aucun responsable.",
    "children": "Aucun enfant.",
    "structures": "Aucun établissement.",
    "classes": "Aucune classe.",
    "teaching": "Aucun groupe d'enseignement.",
    "manual": "Aucun groupe manuel.",
}
CARD_LIST_HINT = {
    "duplicates": "Entrée comparer",
    "relatives": "Entrée ouvrir · a ajouter · Suppr retirer",
    "children": "Entrée ouvrir · a ajouter · Suppr retirer",
    "structures": "Suppr retirer · Entrée rétablir",
    "classes": "a ajouter · Suppr retirer",
    "teaching": "a ajouter · Suppr retirer",
    "manual": "a ajouter · Suppr retirer",
}

# Card: keys
KEY_CARD_BACK = "Retour"
KEY_CARD_BLOCK = "Bloquer"
KEY_CARD_UNBLOCK = "Débloquer"
KEY_CARD_DELETE = "Supprimer"
KEY_CARD_PREDELETE = "Pré-supprimer"
KEY_CARD_RESTORE = "Restaurer"
KEY_CARD_DETACH = "Retirer de l'établissement"
KEY_CARD_REATTACH = "Rétablir le rattachement"
KEY_CARD_GRANT = "Droit d'admin. local"
KEY_CARD_REVOKE = "Retirer l'admin. local"
KEY_CARD_RENEWAL = "Code de renouvellement"
KEY_CARD_RESET = "Courriel de réinitialisation"
KEY_CARD_DUPLICATES = "Doublons"
KEY_CARD_EDIT = "Modifier les informations"
KEY_CARD_GOTO = "Aller à une rubrique"
KEY_LIST_ADD = "Ajouter"
KEY_LIST_REMOVE = "Retirer"

# Card: confirmations
CONFIRM_DELETE_TITLE = "Supprimer le compte"
CONFIRM_DELETE = (
    "Supprimer définitivement le compte de {name} ({login}) ?\n"
    "Ce compte n'a jamais été activé : il disparaît immédiatement et son identifiant est libéré."
)
CONFIRM_PREDELETE_TITLE = "Pré-supprimer le compte"
CONFIRM_PREDELETE = (
    "Pré-supprimer le compte de {name} ({login}) ?\n"
    "Ses classes et groupes lui sont retirés (rendus s'il est restauré) ; "
    "il sera supprimé définitivement dans 90 jours."
)
CONFIRM_BLOCK_TITLE = "Bloquer le compte"
CONFIRM_BLOCK = "Bloquer le compte de {name} ? Il ne pourra plus se connecter à l'ENT."
CONFIRM_BLOCK_EVERYWHERE = (
    "Bloquer le compte de {name} ?\n"
    "Attention : le blocage d'un enseignant ou d'un personnel vaut dans tous ses "
    "établissements ({structures}). S'il ne travaille plus dans cette école, "
    "retirez-le plutôt de cet établissement."
)
CHOICE_BLOCK_EVERYWHERE = "Bloquer partout"
CHOICE_DETACH_INSTEAD = "Retirer de cet établissement"
CONFIRM_DETACH_TITLE = "Retirer de cet établissement"
CONFIRM_DETACH = (
    "Retirer {name} de {structure} ?\n"
    "Ses classes et groupes de cet établissement lui sont retirés ; l'établissement "
    "apparaîtra barré sur sa fiche et le rattachement pourra être rétabli."
)
CONFIRM_HOME_TITLE = "École de rattachement"
CONFIRM_ADMIN_GRANT_TITLE = "Attribuer droit d'Administrateur local"
CONFIRM_ADMIN_GRANT = (
    "Êtes-vous sûr de vouloir attribuer le droit d'Administrateur local de {structure} à {name} ?\n"
    "Cette personne pourra gérer tous les comptes, les groupes et les paramètres de l'établissement."
)
CONFIRM_ADMIN_REVOKE_TITLE = "Retirer droit d'Administrateur local"
CONFIRM_ADMIN_REVOKE = (
    "Êtes-vous sûr de vouloir retirer le droit d'Administrateur local de {structure} à {name} ?"
)
CONFIRM_REMOVE_TITLE = "Retirer"
CONFIRM_REMOVE_CLASS = "Retirer {name} de la classe {group} ?"
CONFIRM_REMOVE_GROUP = "Retirer {name} du groupe {group} ?"
CONFIRM_UNLINK = "{parent} ne sera plus responsable de {pupil}. Continuer ?"
CONFIRM_DISSOCIATE_TITLE = "Dissocier les comptes"
CONFIRM_DISSOCIATE = (
    "Dissocier {a} et {b} ?\nIls ne seront plus signalés comme doublons l'un de l'autre."
)
MERGE_TITLE = "Fusionner les comptes"
MERGE_TEXT = (
    "Le compte de {survivor} ({survivor_login}, {survivor_state}, {survivor_source}) est conservé ; "
    "celui de {gone} ({gone_login}, {gone_state}, {gone_source}) est supprimé définitivement.\n\n"
    "Conserver aussi les rattachements du compte supprimé (établissements, classes, "
    "groupes, responsables ou enfants) ?"
)
MERGE_KEEP = "Fusionner et conserver les rattachements"
MERGE_DROP = "Fusionner sans les rattachements"

# Comparison of duplicates
COMPARE_TITLE = "Comparer les doublons"
COMPARE_SCORE = "Score {score} · {badge}"
COMPARE_THIS = "Cette fiche"
COMPARE_OTHER = "Doublon"
COMPARE_DISSOCIATE = "Dissocier"
COMPARE_MERGE = "Fusionner"
COMPARE_CLOSE = "Fermer"
COMPARE_SAME = "identique"
KEY_COMPARE_DISSOCIATE = "Dissocier"
KEY_COMPARE_MERGE = "Fusionner"

# Pickers
PICK_CLASS = "Ajouter une classe"
PICK_TEACHING = "Ajouter un groupe d'enseignement"
PICK_MANUAL = "Ajouter un groupe manuel"
PICK_RELATIVE = "Ajouter un responsable"
PICK_CHILD = "Ajouter un enfant"
PICK_SEARCH = "Rechercher par nom ou prénom"
PICK_FILTER = "Filtrer la liste"
PICK_NONE = "Aucun résultat."
PICK_MORE = "… et {count} autre(s) : affinez la recherche."
PICK_COUNT = "{offered} choix possible(s) sur {total}"
PICK_HINT = "Entrée : choisir · Échap : annuler"
PICK_CLASS_PUPILS = "{count} élève(s)"

# Dialog buttons and keys
DIALOG_CONFIRM = "Confirmer"
DIALOG_CANCEL = "Annuler"

# Creation form
CREATE_TITLE = "Créer un utilisateur"
CREATE_FIRST_NAME = "Prénom *"
CREATE_LAST_NAME = "Nom *"
CREATE_BIRTH_DATE = "Date de naissance"
CREATE_BIRTH_DATE_REQUIRED = "Date de naissance *"
CREATE_PROFILE = "Profil"
CREATE_CLASS = "Classe"
CREATE_NO_CLASS = "Sans classe"
CREATE_CHILDREN = "Enfant(s)"
CREATE_CHILD_SEARCH = "Rechercher un élève de l'établissement"
CREATE_CHILDREN_NONE = "Aucun enfant choisi (facultatif)."
CREATE_CHILDREN_CHOSEN = "Choisi(s) : {names}"
CREATE_SUBMIT = "Créer"
CREATE_CANCEL = "Annuler"
CREATE_REQUIRED_NOTE = "* obligatoire · identifiant et code d'activation générés à la création"
CREATE_FAILED = "L'utilisateur n'a pas été créé : corrigez les champs signalés."
KEY_CREATE_SUBMIT = "Créer"

# ---- Utilisateurs: liste et filtres (issue 3)
# The list
ULIST_SEARCH = "Rechercher un utilisateur (prénom, nom)"
ULIST_COUNT_ONE = "1 utilisateur"
ULIST_COUNT = "{count} utilisateurs"
ULIST_MARKED = "{count} marqué(s)"
ULIST_SORT = {"name": "Tri par nom", "profile": "Tri par profil"}
ULIST_SORT_ASC = "↑"  # croissant
ULIST_SORT_DESC = "↓"  # décroissant
ULIST_COLUMNS = ("Nom & Prénom", "Statut", "Profil")
ULIST_LEGEND_SHORT = {
    "inactive": "non activé",
    "blocked": "bloqué",
    "duplicate": "doublon",
    "predeleted": "pré-supprimé",
    "pending_predeletion": "attente de pré-suppression",
}
ULIST_LEGEND_KEY = "{key} : légende"
ULIST_MARK_HINT = (
    "Comptes marqués : {block} bloquer · {unblock} débloquer · {group} ajouter à un groupe · "
    "{delete} supprimer · Échap démarquer"
)
ULIST_FILTERED = "{count} filtre(s) actif(s)"
ULIST_NO_ROW = "Aucun compte choisi : placez-vous sur une ligne ou marquez des comptes avec Espace."
ULIST_USER_GONE = "Ce compte n'existe plus dans l'établissement."

# Legend (key l, listed in the help)
ULIST_LEGEND_TITLE = "Légende de la liste des utilisateurs"
ULIST_LEGEND_STATUSES = "Icônes de statut, toujours dans cet ordre"
ULIST_LEGEND_PROFILES = "Couleur de chaque profil"
ULIST_LEGEND_OTHER = "Autres repères"
ULIST_LEGEND_MARKED = "compte marqué (Espace) pour une action sur plusieurs comptes"
ULIST_LEGEND_CURSOR = "ligne courante (Entrée ouvre la fiche)"
ULIST_LEGEND_DETACHED = "nom barré : compte retiré de cet établissement (filtre « {category} »)"
ULIST_STATUS_HELP = {
    "inactive": "L'utilisateur n'a pas encore activé son compte ni choisi son mot de passe.",
    "blocked": "Un administrateur a bloqué le compte : l'utilisateur ne peut plus se connecter.",
    "duplicate": "Le compte est détecté comme doublon potentiel d'un autre compte de l'ENT.",
    "predeleted": "Seul l'export de ses données reste possible ; suppression définitive 90 jours après.",
    "pending_predeletion": (
        "L'annuaire ne l'envoie plus ; l'utilisateur garde l'accès jusqu'à sa pré-suppression."
    ),
}

# Keys of the section
KEY_ULIST_SEARCH = "Rechercher"
KEY_ULIST_FILTERS = "Filtres"
KEY_ULIST_SORT_NAME = "Trier par nom"
KEY_ULIST_SORT_PROFILE = "Trier par profil"
KEY_ULIST_CREATE = "Créer un utilisateur"
KEY_ULIST_LEGEND = "Légende des icônes"
KEY_ULIST_BLOCK = "Bloquer"
KEY_ULIST_UNBLOCK = "Débloquer"
KEY_ULIST_GROUP = "Ajouter à un groupe manuel"
KEY_ULIST_DELETE = "Supprimer / pré-supprimer"
KEY_ULIST_CLOSE = "Fermer les filtres, quitter la recherche, démarquer"
KEY_ULIST_MARK = "Marquer"
KEY_ULIST_MARK_ALL = "Tout marquer / tout démarquer"
KEY_ULIST_OPEN = "Ouvrir la fiche"
KEY_ULIST_TO_LIST = "Aller à la liste"
KEY_FILTER_CLEAR = "Désélectionner tout"
KEY_FILTER_REMOVE = "Retirer ce filtre"
KEY_FILTER_BACK = "Revenir aux catégories"
KEY_FILTER_OPEN = "Choisir dans la catégorie"

# Filters panel
FILTER_TITLE = "Filtres"
FILTER_HINT = "Espace : cocher · Échap : fermer"
FILTER_SELECTED = "Filtres sélectionnés"
FILTER_NONE_SELECTED = "Aucun filtre : tous les comptes, pré-supprimés compris."
FILTER_CHIP = "{category} : {value}"
FILTER_CHIP_REMOVE = "✕"
FILTER_CATEGORY = {
    "profiles": "Profils (par défaut tous)",
    "classes": "Classes",
    "teaching_groups": "Groupes d'enseignement",
    "manual_groups": "Groupes manuels",
    "activation": "Activation",
    "functions": "Fonctions",
    "sources": "Sources",
    "duplicates": "Doublons",
    "admins": "Administrateurs locaux",
    "created": "Date de création",
    "predeletion": "Pré-suppression",
    "blocking": "Blocage",
    "detached": "Retirés de l'établissement",
}
FILTER_CATEGORY_SHORT = {
    "profiles": "Profil",
    "classes": "Classe",
    "teaching_groups": "Groupe d'enseignement",
    "manual_groups": "Groupe manuel",
    "activation": "Activation",
    "functions": "Fonction",
    "sources": "Source",
    "duplicates": "Doublons",
    "admins": "Administrateurs locaux",
    "created": "Date de création",
    "predeletion": "Pré-suppression",
    "blocking": "Blocage",
    "detached": "Retirés",
}
FILTER_VALUE = {
    "activated": "Activés",
    "inactive": "Non activés",
    "duplicate": "Doublons",
    "unique": "Uniques",
    "admin": "Administrateurs locaux",
    "predeleted": "Pré-supprimés",
    "pending": "En attente de pré-suppression",
    "none": "Non pré-supprimés",
    "blocked": "Bloqués",
    "unblocked": "Non bloqués",
    "shown": "Afficher les comptes retirés",
}
FUNCTION = {"ADMIN_LOCAL": "Administrateur local", "SUPER_ADMIN": "Administrateur central"}
FILTER_SEARCH = {"classes": "Rechercher une classe", "manual_groups": "Rechercher un groupe"}
FILTER_NO_MATCH = "Aucun choix ne correspond à la recherche."
FILTER_BEFORE = "Créés avant le"
FILTER_SINCE = "Créés depuis le"
FILTER_DATE_PLACEHOLDER = "jj/mm/aaaa"
FILTER_DATE_CHIP = {"before": "Créés avant le {date}", "since": "Créés depuis le {date}"}
FILTER_DATE_INVALID = "Date invalide (jj/mm/aaaa)."
FILTER_PREDELETION_NOTE = "Par défaut, les comptes pré-supprimés sont masqués."
FILTER_DETACHED_NOTE = "Les comptes retirés apparaissent barrés dans la liste."

# Actions on the marked accounts
ULIST_CONFIRM = "Confirmer"
ULIST_CANCEL = "Annuler"
ULIST_NAMES_MORE = "… et {count} autre(s)"
BULK_BLOCK_TITLE = "Bloquer des comptes"
BULK_BLOCK = "Bloquer {count} compte(s) ? Ces utilisateurs ne pourront plus se connecter à l'ENT."
BULK_BLOCK_EVERYWHERE = (
    "Dont {count} enseignant(s) ou personnel(s) : leur blocage vaut dans tous leurs "
    "établissements. Pour quelqu'un qui a quitté l'école, préférez « Retirer de cet "
    "établissement » sur sa fiche."
)
BULK_UNBLOCK_TITLE = "Débloquer des comptes"
BULK_UNBLOCK = "Débloquer {count} compte(s) ? Ces utilisateurs pourront de nouveau se connecter."
BULK_GROUP_PICK = "Ajouter {count} compte(s) à un groupe manuel"
BULK_GROUP_SEARCH = "Rechercher un groupe"
BULK_GROUP_NONE = "Aucun groupe manuel dans cet établissement : créez-le d'abord dans la section Groupes."
BULK_GROUP_NO_MATCH = "Aucun groupe ne correspond à la recherche."
BULK_GROUP_TITLE = "Ajouter à un groupe manuel"
BULK_GROUP = "Ajouter {count} compte(s) au groupe manuel « {group} » ?"
BULK_GROUP_PREDELETED = "{count} compte(s) pré-supprimé(s) ne seront pas ajoutés."
BULK_DELETE_TITLE = "Supprimer / pré-supprimer des comptes"
BULK_DELETE = "Supprimer ou pré-supprimer {count} compte(s) ?"
BULK_DELETE_DELETE = "• {count} jamais activé(s) : supprimé(s) tout de suite, identifiant libéré"
BULK_DELETE_PREDELETE = (
    "• {count} activé(s) : pré-supprimé(s), supprimé(s) définitivement dans 90 jours "
    "(« Restaurer » sur la fiche d'ici là)"
)
BULK_DELETE_SKIP = (
    "• {count} ignoré(s) : comptes alimentés par l'annuaire, déjà pré-supprimés ou le vôtre"
)
BULK_DELETE_NONE = (
    "Aucun de ces comptes ne peut être supprimé : seuls les comptes créés manuellement ou "
    "qui ne sont plus envoyés par l'annuaire peuvent l'être."
)

# ---- Groupes (issue 5, écrans)
# Tabs of the section (ids: GroupTab values)
GRP_TAB = {
    "manual": "Groupes manuels",
    "profile": "Groupes de profil",
    "teaching": "Groupes d'enseignement",
    "classes": "Classes",
}
GRP_KIND = {
    "manual": "Groupe manuel",
    "profile": "Groupe de profil de l'établissement",
    "teaching": "Groupe d'enseignement",
    "classes": "Groupe de profil de la classe {name}",
}
GRP_SEARCH = "Rechercher un groupe"
GRP_COUNT = "{count} groupe(s)"
GRP_NONE = "Aucun groupe"
GRP_NO_MATCH = "Aucun groupe ne correspond à la recherche."
GRP_MANUAL_EMPTY = "Aucun groupe manuel : n pour en créer un."
GRP_LIST_HEADER = "Membres  Nom du groupe"
GRP_MEMBERS = "{count} membre(s)"
GRP_CREATED_BY = "Créé par {name} le {date}"
GRP_CREATED_ON = "Créé le {date}"
GRP_INTERNAL_ON = "Les membres du groupe peuvent communiquer entre eux"
GRP_INTERNAL_OFF = "Les membres du groupe ne peuvent pas communiquer entre eux"
GRP_INTERNAL_KEY = "{key} : changer"
GRP_RULES_SUMMARY = "Peuvent voir {out} groupe(s) · visibles par {inc} groupe(s)"
GRP_LOCKED_BADGE = "Groupe verrouillé"
GRP_LOCKED_SHORT = "verrouillé"
GRP_READ_ONLY = "Groupe automatique : sa composition vient des comptes (profil, classe) et ne se modifie pas ici."
GRP_TEACHING_NOTE = (
    "Groupe d'enseignement venu de l'annuaire (ONDE) : ses membres se gèrent ici, mais il ne se "
    "renomme ni ne se supprime."
)
GRP_NO_GROUP = "Aucun groupe choisi."
GRP_BUTTON_MEMBERS = "Gérer les utilisateurs du groupe"
GRP_BUTTON_VIEW_MEMBERS = "Voir la composition du groupe"
GRP_BUTTON_RULES = "Règles de communication du groupe"
GRP_BUTTON_RENAME = "Renommer"
GRP_BUTTON_DELETE = "Supprimer"
GRP_BUTTON_CREATE = "Créer un groupe"
# Create / rename
GRP_CREATE_TITLE = "Créer un groupe"
GRP_CREATE_SUBMIT = "Créer"
GRP_RENAME_TITLE = "Renommer le groupe"
GRP_RENAME_SUBMIT = "Renommer"
GRP_NAME_HINT = "Conseil du guide : mettez l'année scolaire dans le nom (« Chorale 2024-2025 »)."
GRP_NAME_PLACEHOLDER = "Nom du groupe"
# Delete and the internal switch (the real console's confirmations)
GRP_CONFIRM_TITLE = "Confirmation requise"
GRP_DELETE_CONFIRM = "Veuillez confirmer la suppression définitive du groupe « {name} »."
GRP_DELETE_MEMBERS = (
    "Ses {count} membre(s) en seront retirés ; ses règles de communication et ses droits "
    "sur les services seront supprimés."
)
GRP_DELETE_SUBMIT = "Supprimer"
GRP_INTERNAL_ON_CONFIRM = (
    "Le droit de communication que vous allez appliquer au groupe « {name} » permettra à "
    "tous les membres de ce groupe de communiquer entre eux."
)
GRP_INTERNAL_OFF_CONFIRM = (
    "Le droit de communication que vous allez appliquer au groupe « {name} » empêchera "
    "tous les membres de ce groupe de communiquer entre eux."
)
GRP_FORBIDDEN_DETAIL = (
    "Cette opération entraîne une modification majeure des règles de communication de votre "
    "structure. Pour effectuer cette modification, vous devez contacter l'assistance."
)
# Keys of the section
KEY_GRP_SEARCH = "Rechercher"
KEY_GRP_CREATE = "Créer un groupe"
KEY_GRP_MEMBERS = "Membres"
KEY_GRP_RULES = "Règles"
KEY_GRP_INTERNAL = "Entre eux"
KEY_GRP_RENAME = "Renommer"
KEY_GRP_DELETE = "Supprimer"
KEY_GRP_MATRIX = "Qui voit qui ?"
KEY_GRP_TO_LIST = "Aller à la liste"
KEY_GRP_LEAVE_SEARCH = "Quitter la recherche"

# "Gérer les utilisateurs du groupe"
GMEM_TITLE = "Gérer les utilisateurs du groupe « {name} »"
GMEM_VIEW_TITLE = "Composition du groupe « {name} »"
GMEM_SEARCH = "Rechercher des utilisateurs"
GMEM_CANDIDATES = "Utilisateurs de l'établissement"
GMEM_MEMBERS = "Utilisateur(s) du groupe ({count})"
GMEM_CANDIDATES_COUNT = "{count} hors du groupe"
GMEM_NO_FILTER = "Aucun filtre : tous les comptes hors du groupe (les pré-supprimés ne sont jamais proposés)."
GMEM_FILTERED = "{count} filtre(s) actif(s)"
GMEM_MARKED = "{count} marqué(s)"
GMEM_HINT_CANDIDATES = (
    "Espace : marquer · {all} : tout marquer · {add} ou Entrée : ajouter au groupe · "
    "{filters} : filtres · Tab : l'autre liste"
)
GMEM_HINT_MEMBERS = (
    "Espace : marquer · {all} : tout marquer · {remove} ou Entrée : retirer du groupe · Tab : l'autre liste"
)
GMEM_REMOVE_TITLE = "Retirer du groupe"
GMEM_REMOVE_CONFIRM = "Retirer {count} utilisateur(s) du groupe « {name} » ?"
GMEM_REMOVE_SUBMIT = "Retirer"
GMEM_NOTHING = "Aucun compte choisi : placez-vous sur une ligne ou marquez des comptes avec Espace."
GMEM_GROUP_GONE = "Ce groupe n'existe plus."
KEY_GMEM_ADD = "Ajouter au groupe"
KEY_GMEM_REMOVE = "Retirer du groupe"
KEY_GMEM_FILTERS = "Filtres"
KEY_GMEM_SEARCH = "Rechercher"
KEY_GMEM_BACK = "Fermer"
KEY_GMEM_OTHER_LIST = "L'autre liste"

# "Règles de communication du groupe"
GRULES_TITLE = "Communication du groupe « {name} »"
GRULES_FILTER = "Filtrer les groupes"
GRULES_SENDING = "Qui les membres du groupe peuvent-ils voir"
GRULES_RECEIVING = "Qui peut voir le groupe"
GRULES_SENDING_COUNT = "{count} groupe(s) visible(s)"
GRULES_RECEIVING_COUNT = "{count} groupe(s) pouvant voir le groupe"
GRULES_EMPTY = "Aucun groupe"
GRULES_HINT = (
    "{add} : ajouter un droit de communication · {remove} : supprimer le droit · "
    "Entrée : règles de ce groupe · {internal} : communication interne · ←/→ : colonne"
)
GRULES_PICK_SENDING = "Ajouter un droit de communication : qui les membres de « {name} » pourront voir"
GRULES_PICK_RECEIVING = "Ajouter un droit de communication : qui pourra voir « {name} »"
GRULES_ONE_GROUP = "Un droit de communication s'ajoute groupe par groupe : cochez un seul groupe."
GRULES_ADD_CONFIRM = (
    "Le lien de communication que vous allez ajouter pour le groupe « {name} » sera appliqué "
    "à tous les membres de ce groupe."
)
GRULES_ADD_WHAT = "Les membres de « {source} » pourront communiquer avec « {target} »."
GRULES_REMOVE_CONFIRM = (
    "Le droit de communication que vous avez supprimé pour le groupe « {name} » sera appliqué "
    "à tous les membres de ce groupe."
)
GRULES_REMOVE_WHAT = "Les membres de « {source} » ne pourront plus communiquer avec « {target} »."
GRULES_NOTHING = "Aucun droit de communication choisi dans cette colonne."
KEY_GRULES_ADD = "Ajouter un droit de communication"
KEY_GRULES_REMOVE = "Supprimer le droit de communication"
KEY_GRULES_OPEN = "Règles de ce groupe"
KEY_GRULES_FILTER = "Filtrer les groupes"
KEY_GRULES_BACK = "Fermer"
KEY_GRULES_LEFT = "Colonne de gauche"
KEY_GRULES_RIGHT = "Colonne de droite"

# "Qui peut communiquer avec qui ?"
MATRIX_TITLE = "Qui peut communiquer avec qui ?"
MATRIX_INTRO = (
    "Calculé depuis les règles de communication actuelles de l'établissement. Se lit de gauche "
    "à droite : la ligne dit avec qui ses membres peuvent communiquer."
)
MATRIX_CORNER = "de \\ vers"
MATRIX_CHANGED_MARK = "*"
MATRIX_SAME = "Identique aux règles par défaut du guide."
MATRIX_CHANGED = "* différent des règles par défaut du guide :"
MATRIX_CHANGE_LINE = "{source} → {target} : {actual} (par défaut : {default})"
MATRIX_NOTES = (
    "Oui : tous ceux de l'établissement · Ceux de la classe : seulement ceux de leur(s) "
    "classe(s) · Les siens : leurs enfants ou leurs parents"
)

# "Règles de communication de l'utilisateur"
URULES_TITLE = "Communication de {name}"
URULES_HELP = (
    "Un droit de communication s'acquiert par l'appartenance à un groupe. On affiche donc "
    "la liste des groupes de l'utilisateur et les groupes qui sont visibles."
)
URULES_GROUPS = "Groupes de l'utilisateur"
URULES_SENDING = "Avec qui l'utilisateur peut-il communiquer"
URULES_RECEIVING = "Qui peut communiquer avec l'utilisateur"
URULES_INTERNAL = "(entre eux)"
URULES_HINT = "Entrée : règles du groupe · {check} : vérifier avec un autre utilisateur · ←/→ : colonne"
URULES_CHECK_TITLE = "Peut-il communiquer avec… ?"
URULES_CHECK_SEARCH = "Rechercher un utilisateur (prénom, nom)"
URULES_CHECK_COUNT = "{count} utilisateur(s) · Entrée : vérifier"
URULES_CHECK_MORE = "{shown} premiers sur {count} : précisez la recherche."
URULES_CAN = "Oui : {a} peut communiquer avec {b}, par :"
URULES_CANNOT = "Non : {a} ne peut pas communiquer avec {b}."
URULES_USER_GONE = "Ce compte n'existe plus dans l'établissement."
KEY_URULES_CHECK = "Vérifier avec un autre utilisateur"
KEY_URULES_OPEN = "Règles du groupe"

# Quality pass on Utilisateurs / Groupes / Services / Signalements (QP_ prefix)
QP_ADMIN_NOT_ATTACHED = "Ce compte est retiré de l'établissement : rattachez-le avant de lui donner le droit d'administrateur local."
QP_GROUP_TEACHING_LOCKED = (
    "Un groupe d'enseignement vient de l'annuaire : il ne peut être ni renommé ni supprimé "
    "dans la console (seuls ses membres se gèrent ici)."
)
QP_GROUP_AUTOMATIC_LOCKED = (
    "Un groupe de profil est automatique : il ne peut être ni renommé ni supprimé."
)

# Journal and undo (issue 10; UNDO_ / JOURNALSCR_ prefixes)
UNDO_NOTHING = "Aucune action à annuler."
UNDO_CANNOT = "« {summary} » ne peut pas être annulée : {reason}"
UNDO_REASON_NO_DATA = "elle a été enregistrée sans les données nécessaires."
UNDO_REASON_RESTORE = "c'est une restauration de sauvegarde (restaurez plutôt une autre copie : entconsole backups)."
UNDO_REASON_TOO_LARGE = "elle a changé trop d'éléments ({count}) ; restaurez plutôt la copie de sauvegarde prise avant elle."
UNDO_REASON_DELETED = "c'était une suppression définitive."
UNDO_REASON_SENT = "un message ou une notification a déjà été envoyé."
UNDO_REASON_REPORT_DELETED = "une notification supprimée ne peut pas être rétablie."
UNDO_REASON_CHANGED_BY = "{who} a modifié depuis les mêmes éléments."
UNDO_REASON_CHANGED = "les éléments concernés ont été modifiés depuis."
UNDO_REASON_SCOPE = "elle concerne un établissement que vous n'administrez plus."
UNDO_STALE = "Votre dernière action a changé entre-temps : vérifiez le journal et réessayez."
UNDO_DONE = "Action annulée : {summary}"
UNDO_CONFIRM = "Annuler votre dernière action ?\n{when} — {summary}\n({count} élément(s) remis comme avant)"
UNDO_NEEDS_YES = "Confirmation requise : relancez avec --yes (pas de terminal pour demander)."
CLI_HELP_UNDO = "Annule votre dernière action (si elle peut l'être)."
QP_CARD_COMM_SUMMARY = "Membre de {groups} groupe(s) · peut communiquer avec {out} groupe(s) · visible par {inc} groupe(s)"
QP_CARD_COMM_OPEN = "Voir les règles de communication de l'utilisateur"
QP_KEY_CARD_COMM = "Règles comm."

# ---- Formation : scénarios, bacs à sable, panneau de progression, serve (issue 11; TRAIN_ / SERVE_ prefixes)
TRAIN_ERR_PART = {"steps": "étape {n}", "checks": "contrôle {n}", "changes": "changement {n}"}
TRAIN_ERR_START = "départ [start]"
TRAIN_ERR_FIELD = "« {name} »"
TRAIN_ERR_FILE = "fichier"
TRAIN_ERR_MISSING = "champ obligatoire manquant"
TRAIN_ERR_EXTRA = "champ inconnu"
TRAIN_ERR_KIND = "type « {kind} » inconnu (attendus : {expected})"
TRAIN_ERR_NO_KIND = "il manque le type (kind = …)"
TRAIN_ERR_TOML = "{path} : ce n'est pas un fichier TOML valide ({detail})."
TRAIN_ERR_INVALID = "{path} : scénario invalide :\n{problems}"
TRAIN_ERR_READ = "{path} : lecture impossible ({detail})."
TRAIN_UNKNOWN_SCENARIO = "Scénario inconnu : « {name} ». Scénarios disponibles : {ids} (ou le chemin d'un fichier .toml)."
TRAIN_NO_SCHOOL = "Scénario {id} : aucune école d'UAI {uai} dans la base de départ."
TRAIN_SETUP_SUMMARY = "Préparation de la formation « {title} »"
TRAIN_ERR_CHANGE = "Changement de départ impossible : « {what} » introuvable (ou en plusieurs exemplaires) dans la démonstration."
TRAIN_ERR_REFERENCES = "Scénario {id} : la base de départ ne correspond pas au scénario :\n{problems}"
TRAIN_REF_WHAT = {"user": "l'utilisateur", "group": "le groupe", "class": "la classe", "bookmark": "le favori de partage"}
TRAIN_REF_MISSING = "  - étape {step}, contrôle {check} : {what} « {name} » n'existe pas"
TRAIN_REF_AMBIGUOUS = "  - étape {step}, contrôle {check} : {what} « {name} » existe {count} fois"
TRAIN_REF_ADMIN = "  - « {login} » n'est pas administrateur de l'école du scénario"
TRAIN_BAD_TRAINEE = "Nom de stagiaire invalide : « {name} » (il faut au moins une lettre ou un chiffre)."
# CLI
TRAIN_CLI_HELP = (
    "Formation : ouvre la console sur le bac à sable du stagiaire pour SCÉNARIO "
    "(relancer reprend où l'on en était), ou, avec --report, la progression de chaque stagiaire."
)
TRAIN_CLI_HELP_TRAINEE = "nom du stagiaire (par défaut : le compte système)"
TRAIN_CLI_HELP_DIR = "dossier des bacs à sable de la salle (par défaut $ENTCONSOLE_TRAINING_DIR)"
TRAIN_CLI_HELP_RESET = "repartir de zéro (efface le bac à sable du stagiaire)"
TRAIN_CLI_HELP_REPORT = "pour le formateur : la progression de chaque stagiaire du dossier DOSSIER"
TRAIN_CLI_HELP_JSON = "sortie JSON"
TRAIN_CLI_NEED_SCENARIO = "Indiquez un scénario (entconsole scenarios les liste) ou --report DOSSIER."
TRAIN_CLI_CREATED = "Bac à sable créé pour {trainee} : {path}"
TRAIN_CLI_RESUMED = "Reprise du bac à sable de {trainee} : {path}"
TRAIN_CLI_NO_SANDBOX = "Aucun bac à sable dans {path}."
TRAIN_CLI_REPORT_LINE = "{trainee:<24} {title:<40} {done}/{total}  {marks}"
TRAIN_CLI_REPORT_ACTIVITY = "  ({count} action(s), la dernière à {time})"
TRAIN_CLI_REPORT_ERROR = "{trainee:<24} {title:<40} illisible : {error}"
TRAIN_CLI_SCENARIOS_HELP = "La liste des scénarios de formation fournis, avec leur résumé."
TRAIN_CLI_SCENARIO_LINE = "{id} — {title} ({steps} étapes, le {today}, en tant que {admin})\n    {summary}"
TRAIN_CLI_SCENARIO_HELP = "Scénarios de formation."
TRAIN_CLI_CHECK_HELP = "Vérifie un fichier de scénario (format, contrôles, et noms présents dans la base de départ)."
TRAIN_CLI_CHECK_DONE_AT_START = "{path} : étape(s) {steps} déjà faite(s) dans la base de départ : il n'y a rien à y faire."
TRAIN_CLI_CHECK_OK = "{path} : scénario valide « {title} », {steps} étapes."
# The progress panel
TRAIN_PANEL_TITLE = "Formation : {title}"
TRAIN_PANEL_COUNT = "{done}/{total} étapes"
TRAIN_PANEL_STEP = "Étape {n} : {instruction}"
TRAIN_PANEL_FINISHED = "Bravo, toutes les étapes sont faites !"
TRAIN_PANEL_HINT_KEY = "{key} : indice"
TRAIN_PANEL_STEPS_KEY = "{key} : étapes"
TRAIN_PANEL_NO_HINT = "Pas d'indice pour cette étape."
TRAIN_HINT_TITLE = "Indice — étape {n}"
TRAIN_STEP_DONE = "Étape {n} réussie."
TRAIN_STEP_UNDONE = "L'étape {n} n'est plus validée : ce qu'elle demande a été défait."
TRAIN_KEY_HINT = "Indice"
TRAIN_KEY_STEPS = "Étapes"
TRAIN_PALETTE_HINT = "Formation : afficher ou cacher l'indice de l'étape en cours (touche {key})"
TRAIN_PALETTE_STEPS = "Formation : toutes les étapes, faites ou à faire (touche {key})"
TRAIN_STEPS_TITLE = "Étapes de la formation : {title}"
TRAIN_STEPS_CLOSE = "Fermer"
TRAIN_STEPS_HINT = "Indice : {hint}"
# serve
SERVE_CLI_HELP = (
    "Sert la console dans un navigateur (textual-serve) : un processus par onglet. "
    "Les options après -- sont passées à la console (par ex. -- train rentree-2024)."
)
SERVE_CLI_HELP_HOST = "adresse d'écoute (par défaut 127.0.0.1 : cette machine seulement)"
SERVE_CLI_HELP_PORT = "port d'écoute"
SERVE_CLI_HELP_PUBLIC_URL = "adresse publique (si la console est servie derrière un tunnel ou un proxy)"
SERVE_LISTENING = "Console servie sur http://{host}:{port} (Ctrl+C pour arrêter)."
SERVE_WARNING = (
    "Attention : la console est servie sur {host}, sans aucune authentification : "
    "toute personne qui joint cette adresse agit en administrateur.\n"
    "Préférez l'écoute locale et un tunnel SSH depuis chaque poste :\n"
    "  ssh -N -L {port}:127.0.0.1:{port} {user}@{machine}\n"
    "puis ouvrez http://127.0.0.1:{port} sur le poste."
)
SERVE_MISSING = "textual-serve n'est pas installé : pip install textual-serve"

# --------------------------------------------------------------------------- Imports / Exports (issue 7)
# Files read and written (services/csv_io.py)
IO_FILE_EMPTY = "Le fichier est vide ou n'a pas de ligne d'en-tête."
IO_FILE_BINARY = "Ce fichier n'est pas un fichier texte CSV (contenu binaire)."
IO_FILE_NOT_CSV = "Ce fichier ne se lit pas comme un CSV : {detail}."
IO_FILE_FIELD_TOO_LONG = "Ligne {line} : une cellule dépasse 10 000 caractères ; le fichier n'est pas un CSV de comptes."
IO_FILE_TOO_MANY_ROWS = "Le fichier dépasse {max} lignes : découpez-le en plusieurs fichiers."
IO_BAD_DATE = "Date illisible « {value} » (attendu JJ/MM/AAAA ou AAAA-MM-JJ)"
IO_IMPOSSIBLE_DATE = "Date impossible « {value} »"
IO_CANNOT_READ = "Impossible de lire le fichier {path} : {detail}"

# Exports (services/exports.py)
EXPORT_FUNCTION_ADMIN = "Administrateur local"
EXPORT_FILE_EXISTS = "Le fichier {path} existe déjà. Le remplacer ?"
EXPORT_CANNOT_WRITE = "Impossible d'écrire le fichier {path} : {detail}"
EXPORT_WRITTEN = "{count} compte(s) exporté(s) dans {path}"
EXPORT_KIND = {"classic": "Classique", "transition": "Transition d'année"}

# Connection sheets (services/sheets.py)
SHEET_TITLE = "Fiche de connexion à l'ENT ONE"
SHEET_LOGIN = "Identifiant : {login}"
SHEET_CODE = "Code d'activation : {code}"
SHEET_ALREADY_ACTIVATED = "Compte déjà activé : connectez-vous avec votre mot de passe."
SHEET_WHERE = "Où se connecter : {url}"
SHEET_WHERE_DEFAULT = "Où se connecter : à l'adresse de l'ENT ONE communiquée par l'école."
SHEET_FIRST_LOGIN_TITLE = "Première connexion"
SHEET_FIRST_LOGIN_STEPS = (
    "1. Saisissez votre identifiant et votre code d'activation à la place du mot de passe.",
    "2. Lisez et acceptez la charte d'utilisation de l'ENT.",
    "3. Choisissez votre mot de passe (au moins 8 caractères) et confirmez-le.",
    "4. Renseignez une adresse courriel pour pouvoir retrouver votre mot de passe.",
)
SHEET_FIRST_LOGIN_SHORT = "Première connexion : identifiant + code d'activation, puis choisissez un mot de passe."
SHEET_BAD_PER_PAGE = "Nombre de fiches par page possible : {choices}."
SHEET_NONE = "Aucun compte sélectionné : aucune fiche à produire."
SHEET_MAIL_SUBJECT = "Vos informations de connexion à l'ENT ONE – {school}"
SHEET_MAIL_DONE = "{sent} courriel(s) placé(s) dans la boîte d'envoi ; {skipped} compte(s) sans adresse courriel."
SHEET_TOTAL = "{count} comptes sélectionnés au total"
SHEET_WITHOUT_EMAIL = "{count} comptes sans adresse courriel"
SHEET_WRITTEN = "{count} fiche(s) de connexion ({per_page} par page, {pages} page(s)) dans {path}"

# CSV import (services/imports.py)
IMPORT_MISSING = "{field} manquant(e)"
IMPORT_FIELD_BIRTH = "Date de naissance"
IMPORT_FIELD_CLASS = "Classe"
IMPORT_FIELD_NAMES = {
    "first_name": "Prénom", "last_name": "Nom", "birth_date": "Date de naissance", "classes": "Classes",
}
IMPORT_FIELD_LABELS = {
    "first_name": "prénom", "last_name": "nom", "display_name": "nom d'affichage",
    "birth_date": "date de naissance", "email": "courriel", "mobile": "téléphone",
    "address": "adresse", "position": "fonction", "classes": "classes", "children": "enfants",
}
IMPORT_BAD_EMAIL = "Courriel invalide « {value} »"
IMPORT_UNKNOWN_CLASS = "Classe inconnue « {name} »"
IMPORT_SAME_AS_LINE = "Même personne qu'à la ligne {line}"
IMPORT_SAME_ACCOUNT = "Ce compte est déjà désigné par une autre ligne du fichier"
IMPORT_AMBIGUOUS = "{count} comptes de l'établissement portent ces nom, prénom et date de naissance"
IMPORT_CHILD_NOT_FOUND = "Élève introuvable dans l'établissement : {name}"
IMPORT_NO_NAME = "(sans nom)"
IMPORT_NO_KNOWN_COLUMN = "Aucune colonne connue dans l'en-tête du fichier ({header}) : la première ligne doit nommer les colonnes (voir le modèle)."
IMPORT_MISSING_COLUMNS = "Colonne(s) obligatoire(s) absente(s) du fichier : {columns}."
IMPORT_AUTOMATIC_STRUCTURE = (
    "Cet établissement est alimenté automatiquement (ONDE / annuaire) : l'import CSV est prévu "
    "pour les établissements sans alimentation automatique."
)
IMPORT_BACKUP_REASON = "import csv"
IMPORT_SUMMARY = (
    "{create} à créer, {update} à mettre à jour, {unchanged} inchangé(s), "
    "{predelete} à pré-supprimer, {rejected} ligne(s) rejetée(s)"
)
IMPORT_DONE = "Import de {file} : {summary}."
IMPORT_NOTHING = "Import : aucun changement."
IMPORT_ACTION = {
    "create": "Création", "update": "Mise à jour", "unchanged": "Inchangé", "rejected": "Rejetée",
    "predelete": "Pré-suppression",
}
IMPORT_REPORT_HEADER = ("Ligne", "Nom", "Résultat", "Détail")

# --------------------------------------------------------------------------- La rentrée (issue 8, RT_ prefix)
RT_TITLE = "La rentrée {year}"
RT_PROGRESS = "{done} / {total} étapes terminées"
RT_PERIOD = {
    "before_onde": "Avant la bascule ONDE",
    "after_onde": "Après la bascule ONDE",
    "summer": "Été",
}
RT_STEP_TITLE = {
    "teachers_left": "Détacher les enseignants partis",
    "aesh": "Détacher les AESH qui n'exercent pas ici",
    "manual_accounts": "Supprimer les anciens comptes manuels",
    "manual_groups": "Supprimer les groupes manuels de l'an dernier",
    "bookmarks": "Nettoyer les favoris de partage",
    "classes": "Rattacher les enseignants à leur classe",
    "gar": "Compléter le groupe RESP-AFFECT-GAR",
    "communicate": "Communiquer sur la rentrée",
    "summer": "Blocage d'été des élèves et des parents",
}
RT_STEP_PURPOSE = {
    "teachers_left": "Un enseignant parti garde l'accès à l'annuaire et aux partages de l'école tant qu'il y est rattaché.",
    "aesh": "Les AESH sont chargés pour tout le PIAL : ceux qui n'exercent pas ici n'ont rien à voir dans l'école.",
    "manual_accounts": "Les comptes créés à la main ne disparaissent jamais seuls : ceux qui n'ont plus lieu d'être gardent leurs partages.",
    "manual_groups": "Les partages et les règles faits aux groupes manuels survivent à la bascule : l'APE de l'an dernier verrait ceux de cette année.",
    "bookmarks": "Un favori de partage garde ses anciens membres : ce qu'on lui partage leur parvient encore.",
    "classes": "Chaque année, chaque enseignant doit être rattaché à sa classe, dès qu'elle compte un élève.",
    "gar": "Les enseignants du groupe RESP-AFFECT-GAR peuvent affecter les ressources du GAR (effectif après la prochaine alimentation).",
    "communicate": "Les nouvelles familles n'ont pas encore de compte : une information pratique sur la rentrée les attend.",
    "summer": "L'été, l'école peut bloquer élèves et parents ; il faut les débloquer à la rentrée.",
}
RT_STEP_RULE = {
    "teachers_left": "Compté : enseignant rattaché à l'école, dont l'école de rattachement n'est pas celle-ci, sans classe de cette année ni groupe d'enseignement ici. Jamais les remplaçants ou PES rattachés à cette école.",
    "aesh": "Compté : Personnel « AESH » rattaché à l'école sans classe de cette année ni groupe d'enseignement (ULIS, UPE2A) ici. Avant la bascule ONDE, aucun n'a encore de classe : marquer « à conserver » ceux qui exercent ici.",
    "manual_accounts": "Compté : compte de source manuelle, ni administrateur, sans classe de cette année ni enfant dans l'école, ni créé ni connecté depuis le début de l'année scolaire précédente. Jamais activé : Supprimer ; activé : Pré-supprimer.",
    "manual_groups": "Compté : groupe manuel dont le nom porte une année scolaire passée, ou sans année dans le nom et créé avant le 1er septembre. Jamais RESP-AFFECT-GAR ni un groupe verrouillé.",
    "bookmarks": "Compté : favori d'un utilisateur de l'école vide, ou avec des membres partis (pré-supprimés, en attente de suppression, détachés, hors de l'école), ou dont le nom porte une année passée.",
    "classes": "Compté : classe de cette année qui compte au moins un élève et aucun enseignant.",
    "gar": "Compté : enseignant de l'école (hors enseignants partis) absent du groupe RESP-AFFECT-GAR.",
    "communicate": "Compté : aucun message flash en cours ou à venir pour les parents ou les élèves qui parle de la rentrée.",
    "summer": "Compté, de septembre à juin : élèves et parents encore bloqués par un blocage en lot. En juillet-août : élèves et parents non bloqués (marquer « à conserver » si l'école ne bloque pas l'été).",
}
RT_WHY_TEACHER_NO_HOME = "Sans école de rattachement, sans classe ni groupe d'enseignement ici cette année"
RT_WHY_TEACHER_HOME_ELSEWHERE = "Rattaché à « {home} », sans classe ni groupe d'enseignement ici cette année"
RT_WHY_AESH = "Aucune classe ni groupe d'enseignement dans cette école"
RT_WHY_MANUAL_LOGIN = "Dernière connexion le {day} (avant le {cutoff})"
RT_WHY_MANUAL_NEVER = "Jamais activé, créé le {day} (avant le {cutoff})"
RT_WHY_GROUP_NAME = "Le nom porte l'année {year}"
RT_WHY_GROUP_CREATED = "Créé le {day}, avant le {start}"
RT_WHY_CLASS = ("{count} élève, aucun enseignant", "{count} élèves, aucun enseignant")
RT_WHY_GAR = "Absent de RESP-AFFECT-GAR"
RT_WHY_COMMUNICATE = "Aucun message flash sur la rentrée pour les familles"
RT_COMMUNICATE_ITEM = "Message flash de rentrée"
RT_WHY_SUMMER_OPEN = ("{count} compte non bloqué", "{count} comptes non bloqués")
RT_WHY_SUMMER_BLOCKED = ("{count} compte encore bloqué (blocage en lot du {day})", "{count} comptes encore bloqués (blocage en lot du {day})")
RT_GAR_MISSING = "Cette école n'a pas de groupe RESP-AFFECT-GAR : il est créé par l'alimentation."
RT_ITEM_UNKNOWN = "Cet élément n'est plus à traiter dans cette étape : la liste a été relue."
RT_NOTHING_MARKED = "Aucun élément choisi."
RT_KEPT = ("{count} élément marqué « à conserver » ({step}).", "{count} éléments marqués « à conserver » ({step}).")
RT_UNKEPT = ("{count} élément de nouveau compté ({step}).", "{count} éléments de nouveau comptés ({step}).")
RT_DETACH_REFUSED = "Un de ces comptes a cette école pour école de rattachement (ou c'est le vôtre) : il ne peut pas en être détaché ici."
RT_DETACHED = "{count} comptes retirés de l'établissement {structure}."
RT_GROUP_REFUSED = "Ce groupe ne peut pas être supprimé (RESP-AFFECT-GAR, groupe verrouillé ou automatique)."
RT_GROUPS_DELETED = "{count} groupes manuels supprimés ({members} appartenances retirées)."
RT_BACKUP_DETACH = "avant-detachement"
RT_BACKUP_GROUPS = "avant-suppression-groupes"
RT_BACKUP_BOOKMARKS = "avant-nettoyage-favoris"
RT_BACKUP_YEAR_CHANGE = "avant-bascule-annee"

# Favoris de partage (RT_BKM_ / RT_GONE_)
RT_BKM_LABEL = "{name} (de {owner})"
RT_BKM_EMPTY = "vide"
RT_BKM_GONE = ("{count} membre parti", "{count} membres partis")
RT_BKM_PAST_YEAR = "nom portant l'année {year}"
RT_BKM_UNKNOWN = "Ce favori de partage n'existe plus ou n'appartient pas à un utilisateur de l'école."
RT_BKM_DELETED_ONE = "Le favori « {name} » de {owner} a été supprimé."
RT_BKM_DELETED = "{count} favoris de partage supprimés."
RT_BKM_CLEAN_NOTHING = "Rien à nettoyer : aucun membre parti dans ces favoris."
RT_BKM_CLEANED = "{bookmarks} favori(s) nettoyé(s) : {members} membre(s) parti(s) retiré(s), {deleted} favori(s) vide(s) supprimé(s)."
RT_BKM_RENAMED = "Le favori « {old} » s'appelle maintenant « {name} »."
RT_BKM_NAME_INVALID = "Le nom du favori est obligatoire (200 caractères au plus, sans caractère de contrôle)."
RT_GONE_PREDELETED = "pré-supprimé"
RT_GONE_PENDING = "en attente de suppression"
RT_GONE_DETACHED = "détaché de l'école"
RT_GONE_ELSEWHERE = "n'est plus dans l'école"
RT_GONE_MISSING = "compte supprimé"
RT_GONE_UNKNOWN_NAME = "(compte supprimé)"

# Bascule d'année (RT_YC_)
RT_YC_CHANGED = "Les données ont changé depuis l'aperçu : relancez l'aperçu avant la bascule."
RT_YC_NOTHING = "Rien à basculer : l'école n'a plus de classe, de groupe d'enseignement ni de rattachement barré."
RT_YC_DONE = (
    "Bascule d'année faite pour {structure} : {classes} classes et {groups} groupes supprimés, "
    "{users} comptes détachés de leurs classes, {share_grants} partages aux classes purgés. "
    "Copie de sauvegarde : {backup}"
)
RT_KEPT_TAG = "à conserver"
RT_BKM_NONE = "Aucun favori de partage chez les utilisateurs de l'école."
RT_BKM_OK = "à jour"
RT_CLEAN_DELETE = "supprimé (plus aucun membre)"
RT_CLEAN_REMOVE = "{count} membre(s) parti(s) retiré(s)"
RT_CLEAN_CONFIRM = "Nettoyer ces {count} favori(s) de partage ?"
RT_CLEAN_NEEDS_YES = "Sans terminal, confirmez le nettoyage avec --yes (ou regardez d'abord avec --dry-run)."
RT_CLI_CANCELLED = "Annulé : rien n'a été modifié."
RT_CLI_STEP = "{mark} {number}. {title} : {count} à traiter ({period})"
RT_CLI_BOOKMARK = "{name} (de {owner}) : {members} membre(s), {shares} partage(s) · {reasons}"
RT_CLI_HELP_CHECK = "La liste de contrôle de la rentrée : les 9 étapes et ce qui reste à traiter (code 0 si tout est fait, 1 sinon)."
RT_CLI_HELP_YEARCHANGE = "La bascule d'année de l'école : --dry-run montre ce qui serait fait ; sinon une copie de sauvegarde puis la bascule, après confirmation (--yes sans terminal)."
RT_CLI_HELP_DRY_RUN = "Montrer ce qui serait fait, sans rien modifier."
RT_CLI_HELP_BOOKMARKS = "Les favoris de partage des utilisateurs de l'école, avec leurs membres partis."
RT_CLI_HELP_STALE = "Seulement les favoris à revoir (vides, membres partis, année passée)."
RT_CLI_HELP_BOOKMARKS_CLEAN = "Retirer des favoris de partage les membres partis (un favori vidé est supprimé)."
RT_YC_DRY_TITLE = "Aperçu de la bascule d'année pour {structure} (rien n'est modifié) :"
RT_YC_SECTION_REMOVED = "Sera supprimé :"
RT_YC_LINE_CLASSES = "  {count} classe(s) : {names}"
RT_YC_LINE_GROUPS = "  {class_groups} groupe(s) de classe et {teaching} groupe(s) d'enseignement : {names}"
RT_YC_LINE_LINKS = "  {class_links} rattachement(s) à une classe et {teaching_links} à un groupe d'enseignement, pour {users} compte(s)"
RT_YC_LINE_SHARES = "  {grants} partage(s) aux groupes de classe ou d'enseignement, sur {shares} ressource(s)"
RT_YC_LINE_OTHER = "  {comm} règle(s) de communication de ces groupes, {bookmarks} favori(s) les citant, {grants} droit(s) d'application ; {detached} rattachement(s) barré(s) oubliés"
RT_YC_SECTION_KEPT = "Sera conservé :"
RT_YC_LINE_KEPT = "  {accounts} comptes, {manual} groupe(s) manuel(s), {structure} groupe(s) de l'école"
RT_YC_LINE_KEPT_SHARES = "  partages conservés : {user} à des personnes, {manual} à des groupes manuels, {structure} à des groupes de l'école, {bookmark} à des favoris"
RT_YC_LINE_APPS = "  données personnelles (messagerie, profil, espace documentaire, agenda) et données de l'école ; les données de la classe (cahier de textes, cahier de liaison, minisite) disparaissent avec elle"
RT_YC_CONFIRM = "Basculer l'année de {structure} : {classes} classes supprimées, {users} comptes détachés de leurs classes, {grants} partages aux classes purgés ?"
RT_YC_NEEDS_YES = "Sans terminal, confirmez la bascule avec --yes (ou regardez d'abord avec --dry-run)."

# Feeds (services/feed_common.py, feed_pupils.py, feed_staff.py)
FEED_SUMMARY = (
    "{create} compte(s) créé(s), {update} mis à jour, {unchanged} inchangé(s), {rejected} ligne(s) "
    "rejetée(s), {parents_created} parent(s) créé(s), {classes_created} classe(s) créée(s), "
    "{disappeared} compte(s) absent(s) du flux, {returned} compte(s) revenu(s)"
)
FEED_DONE = "Alimentation : {summary}."
FEED_BACKUP_REASON = "alimentation"
FEED_DISAPPEARED = "Absent du flux (date de disparition)"
FEED_INE_MISSING = "INE absent"
FEED_INE_INVALID = "INE invalide « {value} » (10 chiffres ou lettres puis une lettre)"
FEED_NOT_ADMITTED = "Admission « {value} » : seuls les élèves admis définitivement sont pris"
FEED_NO_CLASS = "Élève sans classe"
FEED_WRONG_YEAR = "Année scolaire « {value} » : seule l'année en cours ({year}) est prise"
FEED_NO_GUARDIAN = "Aucun responsable légal"
FEED_UNKNOWN_LEVEL = "Niveau inconnu « {value} »"
FEED_FIELD_RELATIVES = "responsables"
FEED_FIELD_STRUCTURES = "établissements"
FEED_BAD_PROFILE = "Profil « {value} » : attendu Enseignant ou Personnel"
FEED_UNKNOWN_UAI = "UAI « {value} » inconnu ou hors de votre périmètre"

# ---- Performances: entconsole generate / bench (issue 9; GEN_ / BENCH_ prefixes)
GEN_HELP = "Écrire une grande base de comptes fictifs (mêmes proportions que la démo), toujours la même pour une même graine."
GEN_HELP_USERS = "Nombre de comptes."
GEN_HELP_OUT = "Fichier à écrire."
GEN_HELP_SEED = "Graine du tirage : même graine, même fichier."
GEN_HELP_STRUCTURES = "Nombre d'écoles (par défaut : une école pour 800 comptes)."
GEN_HELP_FORCE = "Remplacer le fichier s'il existe."
GEN_BAD_SIZE = "Il faut au moins 10 comptes par école."
GEN_WRITTEN = "{path} : {users} comptes dans {structures} école(s), administrateur par défaut {admin}, administrateur central {central}."
BENCH_HELP = "Mesurer la console sur de grandes bases générées, à côté de ses planchers et d'autres façons de faire."
BENCH_HELP_USERS = "Tailles à mesurer, séparées par des virgules."
BENCH_HELP_JSON = "Écrire les mesures en JSON (une entrée par taille et par mesure)."
BENCH_HELP_OUT = "Fichier où écrire le tableau (ou le JSON avec --json)."
BENCH_HELP_DIR = "Dossier des bases générées (réutilisées d'une fois sur l'autre)."
BENCH_HELP_SEED = "Graine des bases générées."
BENCH_HELP_STRUCTURES = "Nombre d'écoles de chaque base (1 : toute la liste dans une école, le pire cas)."
BENCH_HELP_KEYSTROKES = "Nombre de frappes mesurées dans la recherche."
BENCH_BAD_SIZES = "Tailles invalides « {value} » : des entiers d'au moins 10, séparés par des virgules."
BENCH_COLUMNS = ("Comptes", "Mesure", "Stat.", "Console", "Comparée à", "Rapport", "Cible")
BENCH_MEASURE = {
    "cold_start": "Démarrage à froid → liste des utilisateurs affichée",
    "peak_rss": "Mémoire (RSS) maximale",
    "search_keystroke": "Frappe dans la recherche → lignes redessinées",
    "search_keystroke_query": "Requête de recherche seule",
    "filter_change": "Changement de filtre → lignes redessinées",
    "filter_change_query": "Requête de filtre seule",
    "single_block": "Blocage d'un compte, écrit sur disque",
    "single_block_vs_tinydb": "Blocage d'un compte (TinyDB JSONStorage)",
    "mass_block": "Blocage en lot des élèves",
    "reload_stall": "Écriture d'une autre session : plus long blocage de l'écran",
    "year_change_dry_run": "Bascule d'année : simulation",
    "accounts_export": "Export des comptes (CSV classique)",
    "checklist": "Liste de la rentrée (9 étapes)",
}
BENCH_STAT = {"median": "médiane", "p95": "p95", "once": "une fois", "peak": "max"}
BENCH_OTHER = {
    "load_floor": "plancher de chargement",
    "naive_scan": "parcours naïf",
    "datatable_reload": "DataTable rechargée",
    "write_floor": "plancher d'écriture",
    "tinydb_jsonstorage": "TinyDB JSONStorage",
}
BENCH_RATIO_FLOOR = "{ratio} × le plancher"
BENCH_RATIO_PEER = "{ratio} × plus rapide"
BENCH_MET = "atteinte"
BENCH_NOT_MET = "NON atteinte"
JOURNALSCR_TITLE = "Journal des actions"
JOURNALSCR_FILTER = "Filtrer : qui, quoi (ex. « bloqué », « vasseur »)"
JOURNALSCR_COUNT_LINE = "{shown} action(s) affichée(s) sur {total}"
JOURNALSCR_WHEN = "Quand"
JOURNALSCR_WHO = "Qui"
JOURNALSCR_COUNT = "Nombre"
JOURNALSCR_WHAT = "Quoi"
JOURNALSCR_UNDONE = " (annulée)"
JOURNALSCR_UNDO_TITLE = "Annuler la dernière action"
JOURNALSCR_UNDO_YES = "Revenir en arrière"
JOURNALSCR_KEY_OPEN = "Journal"
JOURNALSCR_KEY_CLOSE = "Fermer le journal"
JOURNALSCR_KEY_FILTER = "Filtrer"
JOURNALSCR_KEY_UNDO = "Annuler la dernière action"
JOURNALSCR_KEY_REFRESH = "Actualiser"
JOURNALSCR_PALETTE_OPEN = "Journal des actions (touche {key})"
JOURNALSCR_PALETTE_UNDO = "Annuler votre dernière action, depuis le journal (touche {key})"
JOURNALSCR_PALETTE_REFRESH = "Recharger les changements des autres sessions (touche {key})"
JOURNALSCR_REFRESHED = "Écran actualisé."

# CLI (commands/imports_exports.py)
CLI_IE_HELP_EXPORT = "Exporter des comptes (CSV classique, transition d'année, codes d'activation)."
CLI_IE_HELP_EXPORT_ACCOUNTS = (
    "Exporter les comptes de l'établissement en CSV (« ; », champs entre guillemets, UTF-8 avec BOM). "
    "Transition d'année : un fichier par profil, au format des modèles d'import."
)
CLI_IE_HELP_EXPORT_CODES = "Exporter les codes d'activation des comptes non activés (Type;Nom;Prénom;Login;Alias de login;Code d'activation)."
CLI_IE_HELP_PUBLIPOSTAGE = (
    "Distribuer les comptes : fiches de connexion (identifiant, code d'activation) en PDF, "
    "triées par profil, classe puis nom ; --mail les place aussi dans la boîte d'envoi."
)
CLI_IE_HELP_TYPE = "Type d'export : classique (défaut) ou transition."
CLI_IE_HELP_CLASS = "Seulement cette classe (nom ou identifiant)."
CLI_IE_HELP_PROFILE = "Profil : élève, enseignant, personnel, parent, invité."
CLI_IE_HELP_OUT = "Dossier ou fichier de destination (défaut : le dossier courant)."
CLI_IE_HELP_FORCE = "Remplacer un fichier existant."
CLI_IE_HELP_PER_PAGE = "Fiches par page A4 : 1, 2 ou 8."
CLI_IE_HELP_URL = "Adresse de l'ENT imprimée sur les fiches."
CLI_IE_HELP_MAIL = "Envoyer aussi chaque fiche par courriel (boîte d'envoi) aux comptes qui ont une adresse."
CLI_IE_HELP_IMPORT = "Importer des comptes depuis un fichier CSV (établissements sans alimentation automatique)."
CLI_IE_HELP_TEMPLATE = "Écrire le modèle de fichier CSV d'un profil."
CLI_IE_HELP_IMPORT_CSV = (
    "Importer le fichier CSV d'un profil : rapport (à créer, à mettre à jour, rejetés avec leurs "
    "raisons), puis application en une seule opération, après une sauvegarde."
)
CLI_IE_HELP_PREDELETE = "Pré-supprimer les comptes des utilisateurs absents des fichiers."
CLI_IE_HELP_YEAR_CHANGE = "Changement d'année scolaire : les classes du fichier remplacent celles des comptes."
CLI_IE_HELP_NO_CLASSES = "Ne pas créer les classes inconnues (leurs lignes sont rejetées)."
CLI_IE_HELP_DRY_RUN = "Montrer le rapport sans rien modifier."
CLI_IE_HELP_STRICT = "Ne rien appliquer si une ligne est rejetée."
CLI_IE_HELP_REPORT = "Écrire aussi le rapport en CSV à ce chemin."
CLI_IE_HELP_FEED = "Simuler l'alimentation de la nuit (ONDE pour les élèves et parents, annuaire pour les personnels)."
CLI_IE_HELP_FEED_PUPILS = (
    "Fichier ONDE : INE;Nom;Prénom;Date de naissance;Niveau;Classe;Admission;Année scolaire;"
    "Responsable 1 nom;… (un élève par ligne)."
)
CLI_IE_HELP_FEED_STAFF = "Fichier des personnels : Profil;Nom;Prénom;Date de naissance;Courriel;Fonction;UAI."
CLI_IE_USE_FORCE = "(--force pour le remplacer)"
CLI_IE_OUT_DIR = "La transition d'année écrit un fichier par profil : --out doit être un dossier."
CLI_IE_WARNING = "Attention : {text}"
CLI_IE_UNKNOWN_CLASSES = "Classes inconnues (créées à l'import) : {classes}"
CLI_IE_CREATED_CLASSES = "Classes apparues : {classes}"
CLI_IE_ROW = "Ligne {line}\t{name}\t{action}\t{detail}"
CLI_IE_DISAPPEARED = "Absent du flux\t{name}"
CLI_IE_BACKUP = "Sauvegarde avant import : {path}"
CLI_IE_DRY_RUN = "Simulation, rien n'a été modifié : {summary}."
CLI_IE_REPORT_WRITTEN = "Rapport écrit : {path}"
CLI_IE_TEMPLATE_WRITTEN = "Modèle écrit : {path}"
FEED_NOTHING = "Alimentation : aucun changement."
CLI_IE_MORE = "… et {count} autre(s) (--json pour la liste complète)"
# La rentrée: screens (RT_ prefix)
RT_QUICK_ACTION = "La rentrée"
RT_QUICK_ACTION_SHORT = "Liste de contrôle"
RT_KEY_OPEN = "La rentrée"
RT_KEY_OPEN_STEP = "Ouvrir l'étape"
RT_KEY_YEAR_CHANGE = "Bascule d'année"
RT_KEY_RUN_YEAR_CHANGE = "Basculer l'année"
RT_KEY_BACK = "Retour"
RT_KEY_MARK = "Marquer"
RT_KEY_MARK_ALL = "Tout marquer"
RT_KEY_DETACH = "Détacher de l'école"
RT_KEY_DELETE_ACCOUNTS = "Supprimer / pré-supprimer"
RT_KEY_DELETE = "Supprimer"
RT_KEY_ADD_GAR = "Ajouter à RESP-AFFECT-GAR"
RT_KEY_SUMMER = "Bloquer / débloquer"
RT_KEY_CLEAN = "Nettoyer"
RT_KEY_RENAME = "Renommer"
RT_KEY_KEEP = "À conserver"
RT_KEY_OPEN_ITEM = "Ouvrir"
RT_STEPS_TITLE = "Les 9 étapes du guide"
RT_STEPS_HINT = "Entrée : ouvrir l'étape · b : bascule d'année · p : partages · f : favoris de partage"
RT_DONE_WORD = "fait"
RT_KEPT_COUNT = "{count} à conserver"
RT_STEP_COUNT = ("{count} à traiter", "{count} à traiter")
RT_ITEMS_TITLE = "{count} élément(s) · {marked} marqué(s)"
RT_NO_ITEM = "Rien à traiter dans cette étape."
RT_STEP_HINT = {
    "teachers_left": "Espace : marquer · d : détacher les marqués de l'école (ou celui en surbrillance) · k : à conserver · Entrée : fiche",
    "aesh": "Espace : marquer · d : détacher les marqués de l'école · k : à conserver (l'AESH exerce ici) · Entrée : fiche",
    "manual_accounts": "Espace : marquer · d : supprimer (jamais activé) ou pré-supprimer (activé) · k : à conserver · Entrée : fiche",
    "manual_groups": "Espace : marquer · d : supprimer · n : renommer avec la nouvelle année · k : à conserver · Entrée : section Groupes",
    "bookmarks": "Espace : marquer · c : nettoyer (retirer les membres partis) · d : supprimer · n : renommer · k : à conserver · f : tous les favoris et leurs membres",
    "classes": "Entrée : choisir l'enseignant à rattacher à la classe · k : à conserver (classe en attente)",
    "gar": "Espace : marquer · a : tout marquer · d : ajouter au groupe RESP-AFFECT-GAR · k : à conserver · Entrée : fiche",
    "communicate": "Entrée : ouvrir Message Flash · k : à conserver (information donnée autrement, blog public…)",
    "summer": "d ou Entrée : blocage en lot du profil · k : à conserver (l'école ne bloque pas l'été)",
}
RT_AND_MORE = "… et {count} autre(s)"
RT_CONFIRM_DETACH = (
    "Retirer {count} compte de l'établissement {structure} ? Il apparaîtra barré sur la fiche et pourra être rattaché de nouveau.",
    "Retirer {count} comptes de l'établissement {structure} ? Ils apparaîtront barrés sur les fiches et pourront être rattachés de nouveau. Une copie de sauvegarde est faite d'abord.",
)
RT_CONFIRM_ACCOUNTS = "{deleted} compte(s) jamais activé(s) seront supprimés tout de suite, {predeleted} compte(s) activé(s) seront pré-supprimés (supprimés dans 90 jours, restaurables d'ici là)."
RT_CONFIRM_GROUPS = (
    "Supprimer définitivement {count} groupe manuel, ses membres, ses règles et les partages qui lui sont faits ?",
    "Supprimer définitivement {count} groupes manuels, leurs membres, leurs règles et les partages qui leur sont faits ? Une copie de sauvegarde est faite d'abord.",
)
RT_CONFIRM_BOOKMARKS = (
    "Supprimer {count} favori de partage ? Les partages qui lui sont faits disparaissent.",
    "Supprimer {count} favoris de partage ? Les partages qui leur sont faits disparaissent. Une copie de sauvegarde est faite d'abord.",
)
RT_CONFIRM_CLEAN = "Nettoyer ces favoris de partage :"
RT_CONFIRM_GAR = (
    "Ajouter {count} enseignant au groupe RESP-AFFECT-GAR ? Effectif après la prochaine alimentation.",
    "Ajouter {count} enseignants au groupe RESP-AFFECT-GAR ? Effectif après la prochaine alimentation.",
)
RT_CONFIRM_SUMMER_BLOCK = "Bloquer {count} compte(s) du profil {profile} pour l'été (blocage en lot) ?"
RT_CONFIRM_SUMMER_UNBLOCK = "Débloquer {count} compte(s) du profil {profile} (blocage en lot) ?"
RT_NO_TEACHER_FREE = "Aucun enseignant de l'école sans classe : rattachez la classe depuis la fiche d'un enseignant."
RT_PICK_TEACHER = "Enseignant à rattacher à {name}"
RT_YC_WARNING = "b : basculer l'année (une copie de sauvegarde est écrite d'abord, puis tout est fait en une fois) · p : partages purgés ou gardés · Échap : retour"
RT_YC_BACKUP_NOTE = "Une copie de sauvegarde nommée « avant-bascule-annee » est écrite d'abord (entconsole backups / restore)."

# SSH: system accounts mapped to ENT logins (issue 10; SSHMAP_ prefix)
SSHMAP_NOT_MAPPED = (
    "Le compte système « {user} » n'a pas accès à la console : il n'est pas dans {path}."
)
SSHMAP_FORBIDDEN = (
    "Le compte système « {user} » ne peut pas agir comme « {login} » : seulement comme {allowed} "
    "(voir {path})."
)
SSHMAP_UNREADABLE = (
    "Le fichier de correspondance des comptes {path} est illisible ({detail}) : accès refusé à tous "
    "tant qu'il n'est pas corrigé."
)
SSHMAP_NO_TABLE = "il manque la table [accounts]"
SSHMAP_BAD_ENTRY = "« {user} » doit correspondre à un identifiant ou une liste d'identifiants"

# Section Imports / Exports (screens/imports_exports.py)
IE_TAB_EXPORT = "Exporter des comptes"
IE_TAB_SHEETS = "Distribuer les comptes"
IE_TAB_IMPORT = "Import CSV"
KEY_IE_EXPORT = "Exporter"
KEY_IE_SHEETS = "Distribuer"
KEY_IE_IMPORT = "Importer"
IE_EXPORT_TITLE = "Export des comptes"
IE_SHEETS_TITLE = "Fiches de connexion (publipostage)"
IE_IMPORT_TITLE = "Import de comptes depuis un fichier CSV"
IE_REPORT_TITLE = "Rapport de l'import"
IE_TYPE = "Type"
IE_CLASS = "Classe"
IE_PROFILE = "Profil"
IE_ACTIVATION = "Activation"
IE_ALL_CLASSES = "Toutes"
IE_ALL_PROFILES = "Tous"
IE_ACTIVATION_CHOICES = (("__all__", "Tous les comptes"), ("yes", "Comptes activés"), ("no", "Comptes non activés"))
IE_FOLDER = "Dossier de destination"
IE_FILE = "Fichier CSV"
IE_FILE_PLACEHOLDER = "chemin du fichier, par exemple ./eleves.csv"
IE_FILE_REQUIRED = "Indiquez le chemin du fichier CSV à importer."
IE_PER_PAGE = "Fiches par page"
IE_SELECTED = "{count} compte(s) sélectionné(s)"
IE_EXPORT_BUTTON = "Exporter les comptes"
IE_CODES_BUTTON = "Exporter les codes d'activation"
IE_PDF_BUTTON = "Générer le PDF"
IE_MAIL_BUTTON = "Envoyer par courriel"
IE_MAIL_TITLE = "Envoyer les fiches par courriel"
IE_MAIL_CONFIRM = (
    "Envoyer sa fiche de connexion à chacun des {count} compte(s) qui ont une adresse courriel ? "
    "{skipped} compte(s) sans adresse ne recevront rien : imprimez leur fiche."
)
IE_REPLACE_TITLE = "Remplacer le fichier"
IE_REPLACE = "Remplacer"
IE_OPT_PREDELETE = "Pré-supprimer les comptes des utilisateurs absents des fichiers"
IE_OPT_YEAR_CHANGE = "Changement d'année scolaire"
IE_OPT_CREATE_CLASSES = "Créer les classes inconnues"
IE_CHECK_BUTTON = "Vérifier le fichier"
IE_TEMPLATE_BUTTON = "Télécharger le modèle"
IE_APPLY_BUTTON = "Appliquer l'import"
IE_REPORT_BUTTON = "Télécharger le rapport"
IE_APPLY_TITLE = "Appliquer l'import"
IE_APPLY_CONFIRM = (
    "{create} compte(s) à créer, {update} à mettre à jour, {predelete} à pré-supprimer. "
    "{rejected} ligne(s) rejetée(s) ne seront pas importées. Une sauvegarde est faite avant l'import."
)
IE_PREVIEW = "Rapport intermédiaire (rien n'est encore modifié) : {summary}."
IE_STALE = "Les données ont changé depuis la vérification : vérifiez de nouveau le fichier."
IE_FIELDS = "Colonnes reconnues : {fields}"
IE_IGNORED = "Colonnes ignorées : {columns}"
IE_FIELD_NAME = {
    "first_name": "Prénom", "last_name": "Nom", "birth_date": "Date de naissance", "classes": "Classes",
    "function": "Fonction", "mobile": "Téléphone", "work_phone": "Téléphone travail", "email": "Courriel",
    "address": "Adresse", "postcode": "Code postal", "city": "Ville", "country": "Pays",
    "child_last": "Nom de l'élève", "child_first": "Prénom de l'élève", "child_classes": "Classes de l'élève",
    "external_id": "Identifiant externe",
}
IE_CLASSES_CREATE = "Classes inconnues, créées à l'import : {classes}"
IE_CLASSES_REJECT = "Classes inconnues (leurs lignes sont rejetées) : {classes}"
IE_SECTION = {
    "create": "À créer", "update": "À mettre à jour", "predelete": "À pré-supprimer", "rejected": "Lignes rejetées",
}
IE_ROW = "Ligne {line} · {name}  {detail}"
IE_MORE_ROWS = "… et {count} autre(s) : voir le rapport téléchargeable."
IE_NONE = "Aucun"
QP_KEY_TABS = "Onglets"

# Validation on write (issue 10; REFUSED_ prefix)
REFUSED_INVALID_VALUE = "Valeur refusée ({model}, {field} : {reason}) : rien n'a été modifié."
# La rentrée: shares purged or kept by the year change (RT_ prefix)
RT_RIGHT = {"read": "Lire", "contrib": "Contribuer", "comment": "Commenter", "manager": "Gérer"}
RT_SHARE_KIND = {
    "class": "groupe de classe",
    "teaching": "groupe d'enseignement",
    "user": "personne",
    "manual": "groupe manuel",
    "structure": "groupe de l'école",
    "bookmark": "favori de partage",
    "missing": "introuvable",
}
RT_SHARE_UNKNOWN = "Ce partage n'existe plus dans l'école."
RT_SHARE_NOTHING = "Ce partage n'est fait à aucun groupe de classe ou d'enseignement : la bascule le garde tel quel."
RT_SHARE_NAMED = "« {name} » est maintenant partagé nominativement à {count} membre(s) de {groups} : la bascule ne le purgera pas."
RT_SHARES_TITLE = "Partages de l'école : ce que la bascule purge et ce qu'elle garde"
RT_SHARES_HINT = "Seuls les partages aux groupes de classe et d'enseignement disparaissent à la bascule. n : partager nominativement aux membres actuels (le conseil du guide) · Échap : retour"
RT_SHARE_LINE = "{resource} ({type}, de {owner})"
RT_SHARE_GRANT = "{mark} {name} ({kind}) : {rights}"
RT_SHARE_PURGED = "purgé"
RT_SHARE_KEPT = "gardé"
RT_SHARES_NONE = "Aucune ressource partagée dans l'école."
RT_KEY_SHARES = "Partages"
RT_KEY_SHARE_NAMED = "Partager nominativement"
RT_CONFIRM_SHARE_NAMED = "Partager « {name} » à chacun des membres actuels de {groups}, par son nom, avec les mêmes droits ? Le partage aux groupes est remplacé et survivra à la bascule."
RT_CLI_HELP_SHARES = "Les partages de l'école : ce que la bascule d'année purge (groupes de classe et d'enseignement) et ce qu'elle garde."
# La rentrée: the Favoris de partage screen (RT_BKM_ prefix)
RT_BKM_ADDED = "{count} membre(s) ajouté(s) au favori « {name} »."
RT_BKM_REMOVED = "{count} membre(s) retiré(s) du favori « {name} »."
RT_BKM_TITLE = "Favoris de partage des utilisateurs de l'école"
RT_BKM_TITLE_OWNER = "Favoris de partage de {owner}"
RT_BKM_ROW = "{name}  (de {owner})"
RT_BKM_FACTS = "{members} membre(s) · {shares} partage(s)"
RT_BKM_MEMBERS_TITLE = "Membres de « {name} »"
RT_BKM_MEMBER_GONE = "parti : {why}"
RT_BKM_HINT = "c : nettoyer (retirer les membres partis) · d : supprimer · n : renommer · + : ajouter des membres · x : retirer le membre choisi · Tab : membres"
RT_BKM_PICK = "Ajouter au favori « {name} »"
RT_KEY_BOOKMARKS = "Favoris de partage"
RT_KEY_ADD_MEMBER = "Ajouter des membres"
RT_KEY_REMOVE_MEMBER = "Retirer le membre"
RT_CONFIRM_REMOVE_MEMBER = "Retirer {name} du favori « {bookmark} » ? Ce qui est partagé à ce favori ne lui parviendra plus."
IO_NAME_CONTROL = "{field} : caractère de contrôle interdit"
IO_NAME_TOO_LONG = "{field} : plus de {max} caractères"
# Command palette: each section's main actions (title, help, section id, target of section_shown)
QP_PALETTE_WHERE = "{section} (touche {key})"
QP_PALETTE_ACTIONS = (
    ("Créer un message flash", "Nouveau message : titre, dates, profils, texte", "establishment", "flash_new"),
    ("Messages flash", "La liste des messages de l'école", "establishment", "flash"),
    ("Blocage en lot", "Bloquer ou débloquer tout un profil", "establishment", "mass_block"),
    ("Informations et statistiques de l'établissement", "Nom, UAI, comptes activés par profil", "establishment", "info"),
    ("Créer un utilisateur", "Prénom, nom, profil, classe", "users", "create_user"),
    ("Consulter les utilisateurs bloqués", "La liste filtrée sur les comptes bloqués", "users", "blocked"),
    ("Créer un groupe manuel", "Nom du groupe (conseil : avec l'année scolaire)", "groups", "create_group"),
    ("Qui peut communiquer avec qui ?", "Le tableau des règles de communication de l'école", "groups", "matrix"),
    ("Groupes d'enseignement", "ULIS, UPE2A : leurs membres", "groups", "teaching"),
    ("Applications et rôles", "Donner un rôle d'application à des groupes", "services", "applications"),
    ("Créer un connecteur", "Identifiant, nom d'affichage, URL", "services", "connector_new"),
    ("Widgets", "Attribuer ou épingler un widget", "services", "widgets"),
    ("Exporter les comptes", "Fichier CSV des comptes", "imports", "export"),
    ("Distribuer les comptes", "Fiches de connexion (PDF)", "imports", "sheets"),
    ("Importer des comptes", "Fichiers CSV par profil", "imports", "import"),
    ("Signalements à traiter", "Supprimer ou conserver les notifications signalées", "reports", "pending"),
    ("Historique des signalements", "Les signalements déjà traités", "reports", "history"),
)
RT_YC_LINE_SHARE = "    • {resource} : partage à {groups}"
RT_DELETION_KIND = {"delete": "à supprimer", "predelete": "à pré-supprimer"}
RT_PALETTE = (
    ("La rentrée : liste de contrôle", "Les 9 étapes du guide du changement d'année · touche {key}", None),
    ("Bascule d'année (aperçu)", "Ce que la bascule ferait, puis la bascule · touche {key} puis b", "year_change"),
    ("Partages purgés par la bascule", "Partages aux classes, à partager nominativement · touche {key} puis p", "shares"),
    ("Favoris de partage", "Favoris des utilisateurs de l'école, membres partis · touche {key} puis f", "bookmarks"),
)
IE_PDF_WORKING = "Préparation des {count} fiche(s)…"
IMPORT_PREDELETED = "Compte pré-supprimé ({login}) : non modifié ; restaurez-le depuis sa fiche si besoin"
RT_KEY_CARD_BOOKMARKS = "Favoris de partage de l'utilisateur"
IE_SECTION_WARNINGS = "Avertissements"
IMPORT_SUMMARY_DONE = (
    "{create} compte(s) créé(s), {update} mis à jour, {unchanged} inchangé(s), "
    "{predelete} pré-supprimé(s), {rejected} ligne(s) rejetée(s)"
)
IE_URL = "Adresse de l'ENT"
IE_URL_PLACEHOLDER = "facultatif : imprimée sur les fiches (sinon « communiquée par l'école »)"

# ---- Formation : contrôles des favoris de partage (issue 11, suite ; TRAIN_BKM_ prefix)
TRAIN_BKM_ERR_NAME = "nom de favori invalide : il faut un nom non vide de {max} caractères au plus, sans caractère de contrôle"
TRAIN_BKM_ERR_OWNER = "propriétaire vide : nommez-le « Nom Prénom », ou retirez le champ owner"

# ---- Accueil on a large store: figures computed in the background (issue 9 follow-up; HOMELAZY_ prefix)
HOMELAZY_COMPUTING = "calcul en cours…"

# ---- Formation : erreurs de validation des scénarios en français (issue 11, suite ; TRAIN_VAL_ prefix)
TRAIN_VAL_BLANK = "ne doit pas être vide"
TRAIN_VAL_UAI = "UAI attendu : 7 chiffres et une lettre majuscule (0601234X)"
TRAIN_VAL_PROFILES = "profil(s) inconnu(s) {unknown} ; attendus : {expected}"
TRAIN_VAL_CHOICE = "valeur inconnue ; attendues : {expected}"
TRAIN_VAL_TOO_SHORT = "il en faut au moins {min}"
TRAIN_VAL_DATE = "date attendue, sans guillemets : AAAA-MM-JJ (2024-09-05)"
TRAIN_VAL_BOOL = "true ou false attendu"
TRAIN_VAL_TEXT = "texte entre guillemets attendu"
TRAIN_VAL_LIST = "liste attendue, entre crochets : [\"…\", \"…\"]"

# --------------------------------------------------------------------------- control characters (hardening)
# Fields of an import row named in "{field} : caractère de contrôle interdit" (IO_NAME_CONTROL).
CTRL_FIELD_EXTERNAL_ID = "Identifiant externe"
CTRL_FIELD_EMAIL = "Courriel"
CTRL_FIELD_MOBILE = "Téléphone"
CTRL_FIELD_ADDRESS = "Adresse"
CTRL_FIELD_POSITION = "Fonction"

# ---- La rentrée: from a step to the Utilisateurs list, the rentrée flash draft (issue 8 follow-up; RTU_ prefix)
RTU_KEY_USERS = "Voir dans Utilisateurs"
RTU_KEY_FLASH_DRAFT = "Rédiger le message flash"
RTU_KEY_FLASH_LIST = "Messages flash"
RTU_CHIP = "Rentrée : {step}"
RTU_STEP_NAME = {
    "teachers_left": "enseignants partis (étape 1)",
    "aesh": "AESH n'exerçant pas ici (étape 2)",
    "manual_accounts": "comptes manuels obsolètes (étape 3)",
}
RTU_NO_USERS_STEP = "Cette étape ne se fait pas dans la liste des utilisateurs."
RTU_FLASH_TITLE = "Rentrée {year}"
RTU_FLASH_TEXT = (
    "{school} — rentrée {year}\n"
    "Informations pratiques :\n"
    "- horaires : …\n"
    "- rentrée échelonnée : …\n"
    "- fournitures : …"
)
RTU_STEP_HINT = {
    "teachers_left": "Espace : marquer · d : détacher les marqués de l'école (ou celui en surbrillance) · k : à conserver · Entrée : fiche · u : voir dans Utilisateurs",
    "aesh": "Espace : marquer · d : détacher les marqués de l'école · k : à conserver (l'AESH exerce ici) · Entrée : fiche · u : voir dans Utilisateurs",
    "manual_accounts": "Espace : marquer · d : supprimer (jamais activé) ou pré-supprimer (activé) · k : à conserver · Entrée : fiche · u : voir dans Utilisateurs",
    "communicate": "Entrée ou d : rédiger le message flash de rentrée (rien n'est publié sans « Mettre en ligne ») · m : messages flash · k : à conserver (information donnée autrement, blog public…)",
}
