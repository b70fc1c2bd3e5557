/**
 * English messages shared by every screen; each area of the app has its own file in `areas/`, and
 * `messages.ts` puts them together. `fr.ts` must give every key (the type checker enforces it), and
 * `{name}` placeholders must match (a unit test does).
 */
export const coreEn = {
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
  'settings.signaling.fixed':
    'This server is chosen by whoever hosts this copy of Carnet; it cannot be changed here.',
  'settings.ice': 'Connection servers for sharing (ICE)',
  'settings.ice.sameNetwork':
    "When your device and the professional's are on the same network (the same Wi-Fi, for example), none is needed: leave this list empty.",
  'settings.ice.acrossNetworks':
    'Across different networks (your phone on 4G, the practice on its own network), a STUN server helps the two devices find each other, and a TURN server relays the connection when they cannot reach each other directly. What it relays stays encrypted.',
  'settings.ice.appliesLater': 'Changes apply to the shares you start afterwards.',
  'settings.ice.none': 'No server: sharing works between devices on the same network.',
  'settings.ice.server': 'Server {number}',
  'settings.ice.url': 'Address',
  'settings.ice.url.hint':
    'Starts with stun:, turn: or turns:, for example turn:turn.example.org:3478',
  'settings.ice.username': 'Username (TURN only, optional)',
  'settings.ice.credential': 'Password (TURN only, optional)',
  'settings.ice.add': 'Add a server',
  'settings.ice.max': 'At most {max} servers.',
  'settings.ice.remove': 'Remove server {number}',
  'settings.ice.save': 'Save the servers',
  'settings.ice.saved': 'Servers saved.',
  'settings.ice.invalid': 'Some servers need correcting before they can be saved.',
  'settings.ice.problem.required': 'Enter the address of the server.',
  'settings.ice.problem.url':
    'This address must start with stun:, turn: or turns: and contain no spaces (for example stun:stun.example.org:3478).',
  'settings.ice.problem.pair':
    'A TURN server needs both the username and the password, or neither.',
  'settings.ice.problem.stunLogin':
    'A STUN server takes no username or password: remove them, or use a turn: address.',
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
  'nav.record': 'My record',
  'nav.lock': 'Lock',
  'home.goToRecord': 'Go to my record',
  'common.cancel': 'Cancel',
  'common.required': 'Please fill in this field.',
  'create.title': 'Create my record',
  'create.intro':
    'Your record is locked with a passphrase. Choose a sentence of several words that you will remember: nobody, not even Carnet, can recover it if you forget it.',
  'create.nickname': 'Nickname for this record (optional)',
  'create.nickname.hint': 'For example "Me" or a child\'s first name, to tell records apart.',
  'create.showNickname': 'Show this nickname on the unlock screen of this device',
  'create.showNickname.hint':
    'Otherwise the unlock screen only shows "Record 1", "Record 2"…, so someone else using this device does not learn whose records it holds.',
  'create.passphrase': 'Passphrase',
  'create.passphrase.hint':
    'At least {min} characters. Several unrelated words are easy to remember and hard to guess.',
  'create.confirm': 'Type the passphrase again',
  'create.show': 'Show the passphrases',
  'create.remember':
    'Write your passphrase down and keep it somewhere safe: without it, the record cannot be opened.',
  'create.submit': 'Create my record',
  'create.working': 'Creating your record…',
  'create.mismatch': 'The two passphrases are different.',
  'create.tooWeak': 'This passphrase is too easy to guess. Add a few more words.',
  'create.tooShort': 'The passphrase needs at least {min} characters.',
  'strength.label': 'Strength: {level}',
  'strength.0': 'very weak',
  'strength.1': 'weak',
  'strength.2': 'fair',
  'strength.3': 'good',
  'strength.4': 'very good',
  'unlock.title': 'Open my record',
  'unlock.choose': 'Which record?',
  'unlock.profile': 'Record {number}',
  'unlock.created': 'created on {date}',
  'unlock.passphrase': 'Passphrase',
  'unlock.submit': 'Open',
  'unlock.working': 'Opening…',
  'unlock.none': 'There is no record on this device yet.',
  'unlock.createInstead': 'Create a record',
  'unlock.another': 'Create another record (for example for a child)',
  'unlock.lockedInactivity': 'Your record was locked after a period of inactivity.',
  'unlock.lockedUser': 'Your record is locked.',
  'unlock.deleted': 'The record was deleted from this device.',
  'record.title': 'My record',
  'record.titleNamed': 'Record of {name}',
  'save.saved': 'All changes are saved on this device.',
  'save.saving': 'Saving…',
  'save.retrying':
    'Not saved yet: {reason} Your change is kept and will be saved as soon as possible.',
  'save.retry': 'Try again now',
  'damage.title': 'Part of your record is damaged',
  'damage.body':
    'Some stored data could not be read: it was changed or damaged on this device. Everything else opened normally.',
  'damage.entry': 'A change to "{title}" could not be read.',
  'damage.unknownEntry': 'A change to an entry that can no longer be identified could not be read.',
  'damage.snapshotRecovered':
    'A saved copy of your record was damaged; an earlier copy was used and nothing was lost.',
  'damage.snapshotLost':
    'A saved copy of your record was damaged and could not be replaced: recent entries may be missing. Restore a backup if you have one.',
  'damage.file': 'The file "{name}" is damaged and cannot be opened.',
  'settings.record': 'This record',
  'settings.autoLock': 'Lock automatically after',
  'settings.autoLock.hint':
    'Without any activity, the record locks itself and asks for the passphrase again.',
  'settings.saved': 'Saved.',
  'settings.passphrase': 'Change the passphrase',
  'settings.passphrase.current': 'Current passphrase',
  'settings.passphrase.new': 'New passphrase',
  'settings.passphrase.confirm': 'New passphrase again',
  'settings.passphrase.submit': 'Change the passphrase',
  'settings.passphrase.done': 'The passphrase was changed.',
  'settings.delete': 'Delete this record',
  'settings.delete.body':
    'The record and all its documents are erased from this device for good. Backups you made elsewhere are not affected.',
  'settings.delete.confirm': 'To confirm, type the word {word}',
  'settings.delete.word': 'DELETE',
  'settings.delete.submit': 'Delete for good',
  'settings.delete.mismatch': 'Type {word} exactly to confirm.',
  'settings.storage': 'Storage on this device',
  'settings.storage.persisted':
    "This browser has agreed to keep Carnet's data: it will not erase it to free up space.",
  'settings.storage.notPersisted':
    "This browser may erase Carnet's data if the device runs short of space, or (Safari) after 7 days without use. Install Carnet on your home screen and make regular backups.",
  'settings.storage.unknown':
    "This browser does not say whether it will keep Carnet's data. Make regular backups.",
  'settings.storage.ask': 'Ask the browser to keep my data',
  'error.wrongPassphrase':
    'This passphrase does not open this record. Check capital letters and accents, and try again.',
  'error.storageFull': 'This device has no storage space left.',
  'error.unsupported':
    'This browser cannot keep your record: its storage is turned off (private browsing?) or not supported. Open Carnet in a normal window of an up-to-date browser.',
  'error.damaged': 'This data is damaged on this device and cannot be read.',
  'error.newerVersion': 'This data was saved by a newer version of Carnet. Update the app.',
  'error.profileMissing': 'This record is no longer on this device.',
  'error.fileMissing': 'This file is no longer on this device.',
  'error.unexpected':
    'Something went wrong. Nothing that was already saved has been lost. Please try again.',
  'error.invalidEntry':
    'Some information is missing or not valid. Check the fields and try again; nothing was saved.',
};
