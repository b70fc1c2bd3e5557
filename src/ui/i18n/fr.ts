import type { Messages } from './en';

/** Messages en français. Chaque clé de `en.ts` doit être traduite ici. */
export const fr: Messages = {
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
};
