/**
 * English messages. The keys of this object are the message catalogue: `fr.ts` must give every one
 * of them (the type checker enforces it), and `{name}` placeholders must match (a unit test does).
 */
export const en = {
  'app.name': 'Carnet',
  'app.tagline': 'Your health record, only on your devices.',
  'nav.skip': 'Skip to content',
  'nav.main': 'Main menu',
  'nav.home': 'Home',
  'nav.settings': 'Settings',
  'page.title': '{page} — Carnet',

  'home.title': 'Your health record, kept by you',
  'home.intro':
    'Carnet keeps your medical documents, treatments, allergies, vaccinations and appointments on this device, locked with a passphrase only you know. There is no account and no central server.',
  'home.points': 'What Carnet does',
  'home.point.device': 'Everything stays on your phone or computer, encrypted.',
  'home.point.share':
    'Show a QR code to a doctor, nurse or pharmacist to let them see chosen documents for a limited time.',
  'home.point.offline': 'Works without an internet connection.',
  'home.point.family': 'Keep a record for each member of the family.',
  'home.actions': 'Get started',
  'home.create': 'Create my record',
  'home.create.hint': 'First time here? It takes two minutes.',
  'home.open': 'Open my record',
  'home.open.hint': 'You already have a record on this device.',
  'home.scan': 'I am a health professional: scan a code',
  'home.scan.hint': 'A patient is showing you a Carnet QR code.',
  'home.coming': 'Coming soon',
  'home.coming.body': 'This part of Carnet is not ready yet. Nothing has been saved.',
  'home.privacy': 'Carnet sends nothing about you to anyone unless you decide to share it.',

  'coming.title': 'Coming soon',
  'coming.back': 'Back to the home page',

  'settings.title': 'Settings',
  'settings.language': 'Language',
  'settings.language.hint': 'Your choice is remembered on this device.',
  'settings.signaling': 'Sharing server',
  'settings.signaling.body':
    'When you share with a professional, this server only introduces your device to theirs. Everything it relays is encrypted; it never sees your health data.',
  'settings.signaling.address': 'Address',
  'settings.about': 'About Carnet',
  'settings.version': 'Version {version}',

  'notFound.title': 'Page not found',
  'notFound.body': 'This address does not lead to any page of Carnet.',
  'notFound.back': 'Back to the home page',

  'update.available': 'A new version of Carnet is ready.',
  'update.reload': 'Update now',
  'update.later': 'Later',
  'update.offlineReady': 'Carnet is ready to work without an internet connection.',
  'update.dismiss': 'OK',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
