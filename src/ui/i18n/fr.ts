import type { coreEn } from './en';

/** Messages en français. Chaque clé de `en.ts` doit être traduite ici. */
export const coreFr: Record<keyof typeof coreEn, string> = {
  'app.name': 'Carnet',
  'app.tagline': 'Votre dossier de santé, uniquement sur vos appareils.',
  'nav.skip': 'Aller au contenu',
  'nav.main': 'Menu principal',
  'nav.home': 'Accueil',
  'nav.settings': 'Réglages',
  'page.title': '{page} — Carnet',

  'home.title': 'Votre dossier de santé, gardé par vous',
  'home.intro':
    'Carnet garde vos documents médicaux, traitements, allergies, vaccinations et rendez-vous sur cet appareil, verrouillés par une phrase secrète que vous seul connaissez. Pas de compte, pas de serveur central.',
  'home.points': 'Ce que fait Carnet',
  'home.point.device': 'Tout reste sur votre téléphone ou votre ordinateur, chiffré.',
  'home.point.share':
    'Montrez un QR code à un médecin, un infirmier ou un pharmacien pour lui laisser voir les documents choisis, pour une durée limitée.',
  'home.point.offline': 'Fonctionne sans connexion internet.',
  'home.point.family': 'Un dossier pour chaque membre de la famille.',
  'home.actions': 'Pour commencer',
  'home.create': 'Créer mon carnet',
  'home.create.hint': 'Première visite ? Cela prend deux minutes.',
  'home.open': 'Ouvrir mon carnet',
  'home.open.hint': 'Vous avez déjà un carnet sur cet appareil.',
  'home.scan': 'Je suis professionnel de santé : scanner un code',
  'home.scan.hint': 'Un patient vous montre un QR code Carnet.',
  'home.coming': 'Bientôt disponible',
  'home.coming.body': "Cette partie de Carnet n'est pas encore prête. Rien n'a été enregistré.",
  'home.privacy':
    "Carnet n'envoie rien vous concernant à personne, sauf si vous décidez de le partager.",

  'coming.title': 'Bientôt disponible',
  'coming.back': "Retour à l'accueil",

  'settings.title': 'Réglages',
  'settings.language': 'Langue',
  'settings.language.hint': 'Votre choix est mémorisé sur cet appareil.',
  'settings.signaling': 'Serveur de partage',
  'settings.signaling.body':
    "Quand vous partagez avec un professionnel, ce serveur met seulement votre appareil en relation avec le sien. Tout ce qu'il relaie est chiffré : il ne voit jamais vos données de santé.",
  'settings.signaling.address': 'Adresse',
  'settings.signaling.fixed':
    'Ce serveur est choisi par qui héberge cette copie de Carnet ; il ne peut pas être changé ici.',
  'settings.ice': 'Serveurs de connexion pour le partage (ICE)',
  'settings.ice.sameNetwork':
    'Quand votre appareil et celui du professionnel sont sur le même réseau (le même Wi-Fi, par exemple), aucun n’est nécessaire : laissez cette liste vide.',
  'settings.ice.acrossNetworks':
    'Entre des réseaux différents (votre téléphone en 4G, le cabinet sur son propre réseau), un serveur STUN aide les deux appareils à se trouver, et un serveur TURN relaie la connexion quand ils ne peuvent pas se joindre directement. Ce qu’il relaie reste chiffré.',
  'settings.ice.appliesLater': 'Les changements valent pour les partages lancés ensuite.',
  'settings.ice.none': 'Aucun serveur : le partage fonctionne entre appareils du même réseau.',
  'settings.ice.server': 'Serveur {number}',
  'settings.ice.url': 'Adresse',
  'settings.ice.url.hint':
    'Commence par stun:, turn: ou turns:, par exemple turn:turn.example.org:3478',
  'settings.ice.username': 'Identifiant (TURN seulement, facultatif)',
  'settings.ice.credential': 'Mot de passe (TURN seulement, facultatif)',
  'settings.ice.add': 'Ajouter un serveur',
  'settings.ice.max': '{max} serveurs au plus.',
  'settings.ice.remove': 'Retirer le serveur {number}',
  'settings.ice.save': 'Enregistrer les serveurs',
  'settings.ice.saved': 'Serveurs enregistrés.',
  'settings.ice.invalid': 'Certains serveurs sont à corriger avant de pouvoir être enregistrés.',
  'settings.ice.problem.required': 'Indiquez l’adresse du serveur.',
  'settings.ice.problem.url':
    'Cette adresse doit commencer par stun:, turn: ou turns: et ne contenir aucune espace (par exemple stun:stun.example.org:3478).',
  'settings.ice.problem.pair':
    'Un serveur TURN a besoin de l’identifiant et du mot de passe, ou d’aucun des deux.',
  'settings.ice.problem.stunLogin':
    'Un serveur STUN ne prend ni identifiant ni mot de passe : retirez-les, ou utilisez une adresse turn:.',
  'settings.about': 'À propos de Carnet',
  'settings.version': 'Version {version}',

  'notFound.title': 'Page introuvable',
  'notFound.body': 'Cette adresse ne mène à aucune page de Carnet.',
  'notFound.back': "Retour à l'accueil",

  'update.available': 'Une nouvelle version de Carnet est prête.',
  'update.reload': 'Mettre à jour',
  'update.later': 'Plus tard',
  'update.offlineReady': 'Carnet est prêt à fonctionner sans connexion internet.',
  'update.dismiss': 'OK',
  'nav.record': 'Mon carnet',
  'nav.lock': 'Verrouiller',
  'home.goToRecord': 'Aller à mon carnet',
  'common.cancel': 'Annuler',
  'common.required': 'Veuillez remplir ce champ.',
  'create.title': 'Créer mon carnet',
  'create.intro':
    "Votre carnet est verrouillé par une phrase secrète. Choisissez une phrase de plusieurs mots dont vous vous souviendrez : personne, pas même Carnet, ne peut la retrouver si vous l'oubliez.",
  'create.nickname': 'Surnom de ce carnet (facultatif)',
  'create.nickname.hint':
    "Par exemple « Moi » ou le prénom d'un enfant, pour distinguer les carnets.",
  'create.showNickname': "Afficher ce surnom sur l'écran de déverrouillage de cet appareil",
  'create.showNickname.hint':
    "Sinon l'écran de déverrouillage n'affiche que « Carnet 1 », « Carnet 2 »…, et une autre personne utilisant cet appareil ne sait pas à qui ils appartiennent.",
  'create.passphrase': 'Phrase secrète',
  'create.passphrase.hint':
    'Au moins {min} caractères. Plusieurs mots sans rapport entre eux sont faciles à retenir et difficiles à deviner.',
  'create.confirm': 'Retapez la phrase secrète',
  'create.show': 'Afficher les phrases secrètes',
  'create.remember':
    'Notez votre phrase secrète et rangez-la en lieu sûr : sans elle, le carnet ne peut pas être ouvert.',
  'create.submit': 'Créer mon carnet',
  'create.working': 'Création de votre carnet…',
  'create.mismatch': 'Les deux phrases secrètes sont différentes.',
  'create.tooWeak': 'Cette phrase secrète est trop facile à deviner. Ajoutez quelques mots.',
  'create.tooShort': 'La phrase secrète doit compter au moins {min} caractères.',
  'strength.label': 'Solidité : {level}',
  'strength.0': 'très faible',
  'strength.1': 'faible',
  'strength.2': 'moyenne',
  'strength.3': 'bonne',
  'strength.4': 'très bonne',
  'unlock.title': 'Ouvrir mon carnet',
  'unlock.choose': 'Quel carnet ?',
  'unlock.profile': 'Carnet {number}',
  'unlock.created': 'créé le {date}',
  'unlock.passphrase': 'Phrase secrète',
  'unlock.submit': 'Ouvrir',
  'unlock.working': 'Ouverture…',
  'unlock.none': "Il n'y a pas encore de carnet sur cet appareil.",
  'unlock.createInstead': 'Créer un carnet',
  'unlock.another': 'Créer un autre carnet (par exemple pour un enfant)',
  'unlock.lockedInactivity': 'Votre carnet a été verrouillé après un moment sans activité.',
  'unlock.lockedUser': 'Votre carnet est verrouillé.',
  'unlock.deleted': 'Le carnet a été supprimé de cet appareil.',
  'record.title': 'Mon carnet',
  'record.titleNamed': 'Carnet de {name}',
  'save.saved': 'Toutes les modifications sont enregistrées sur cet appareil.',
  'save.saving': 'Enregistrement…',
  'save.retrying':
    'Pas encore enregistré : {reason} Votre modification est gardée et sera enregistrée dès que possible.',
  'save.retry': 'Réessayer maintenant',
  'damage.title': 'Une partie de votre carnet est endommagée',
  'damage.body':
    "Certaines données enregistrées n'ont pas pu être lues : elles ont été modifiées ou abîmées sur cet appareil. Tout le reste s'est ouvert normalement.",
  'damage.entry': "Une modification de « {title} » n'a pas pu être lue.",
  'damage.unknownEntry':
    "Une modification d'un élément qui ne peut plus être identifié n'a pas pu être lue.",
  'damage.snapshotRecovered':
    "Une copie enregistrée de votre carnet était abîmée ; une copie précédente a été utilisée et rien n'a été perdu.",
  'damage.snapshotLost':
    "Une copie enregistrée de votre carnet était abîmée et n'a pas pu être remplacée : des éléments récents peuvent manquer. Restaurez une sauvegarde si vous en avez une.",
  'damage.file': 'Le fichier « {name} » est abîmé et ne peut pas être ouvert.',
  'settings.record': 'Ce carnet',
  'settings.autoLock': 'Verrouiller automatiquement après',
  'settings.autoLock.hint':
    'Sans aucune activité, le carnet se verrouille et redemande la phrase secrète.',
  'settings.saved': 'Enregistré.',
  'settings.passphrase': 'Changer la phrase secrète',
  'settings.passphrase.current': 'Phrase secrète actuelle',
  'settings.passphrase.new': 'Nouvelle phrase secrète',
  'settings.passphrase.confirm': 'Nouvelle phrase secrète, à nouveau',
  'settings.passphrase.submit': 'Changer la phrase secrète',
  'settings.passphrase.done': 'La phrase secrète a été changée.',
  'settings.delete': 'Supprimer ce carnet',
  'settings.delete.body':
    'Le carnet et tous ses documents sont effacés de cet appareil, définitivement. Les sauvegardes faites ailleurs ne sont pas touchées.',
  'settings.delete.confirm': 'Pour confirmer, tapez le mot {word}',
  'settings.delete.word': 'SUPPRIMER',
  'settings.delete.submit': 'Supprimer définitivement',
  'settings.delete.mismatch': 'Tapez exactement {word} pour confirmer.',
  'settings.storage': 'Stockage sur cet appareil',
  'settings.storage.persisted':
    'Ce navigateur a accepté de conserver les données de Carnet : il ne les effacera pas pour libérer de la place.',
  'settings.storage.notPersisted':
    "Ce navigateur peut effacer les données de Carnet si l'appareil manque de place, ou (Safari) après 7 jours sans utilisation. Installez Carnet sur votre écran d'accueil et faites des sauvegardes régulières.",
  'settings.storage.unknown':
    "Ce navigateur n'indique pas s'il conservera les données de Carnet. Faites des sauvegardes régulières.",
  'settings.storage.ask': 'Demander au navigateur de conserver mes données',
  'error.wrongPassphrase':
    "Cette phrase secrète n'ouvre pas ce carnet. Vérifiez les majuscules et les accents, puis réessayez.",
  'error.storageFull': "Cet appareil n'a plus de place de stockage.",
  'error.unsupported':
    "Ce navigateur ne peut pas conserver votre carnet : son stockage est désactivé (navigation privée ?) ou non pris en charge. Ouvrez Carnet dans une fenêtre normale d'un navigateur à jour.",
  'error.damaged': 'Ces données sont abîmées sur cet appareil et ne peuvent pas être lues.',
  'error.newerVersion':
    "Ces données ont été enregistrées par une version plus récente de Carnet. Mettez l'application à jour.",
  'error.profileMissing': "Ce carnet n'est plus sur cet appareil.",
  'error.fileMissing': "Ce fichier n'est plus sur cet appareil.",
  'error.unexpected':
    "Un problème est survenu. Rien de ce qui était déjà enregistré n'a été perdu. Veuillez réessayer.",
  'error.invalidEntry':
    "Des informations manquent ou ne sont pas valides. Vérifiez les champs et réessayez ; rien n'a été enregistré.",
};
