/** Messages of the encrypted backup: making one (Settings), the reminder, restoring one. */
export const en = {
  'backup.title': 'Backup',
  'backup.body':
    'A backup is one encrypted file holding your whole record and its documents. Keep it somewhere other than this device (a USB key, your cloud storage): if this device is lost or its browser data is erased, the backup brings everything back, on any browser.',
  'backup.passphraseNote':
    'It opens with the passphrase of this record as it is when you make the backup. Without that passphrase, nobody can read it.',
  'backup.make': 'Make a backup',
  'backup.making': 'Making the backup…',
  'backup.made': 'Backup saved as {file}.',
  'backup.last': 'Last backup: {date}.',
  'backup.never': 'No backup made yet.',
  'backup.reminder.never':
    'You have never made a backup of this record. If this device is lost, your record is lost with it.',
  'backup.reminder.old':
    'Your last backup dates from {date}. Make a new one so it holds what you added since.',
  'backup.reminder.link': 'Make a backup in Settings',
  'backup.restore.title': 'Restore a backup',
  'backup.restore.body':
    'A .carnet file made by Carnet, on this device or another. Its passphrase is the one the record had when the backup was made.',
  'backup.restore.start': 'Choose a backup file',
  'backup.restore.file': 'Backup file (.carnet)',
  'backup.restore.passphrase': 'Passphrase of the backup',
  'backup.restore.submit': 'Restore',
  'backup.restore.working': 'Restoring… This may take a while for a large record.',
  'backup.restore.replace': 'Replace the record on this device with the one in the backup',
  'backup.restore.replace.hint':
    'What was added to that record on this device since the backup will be lost.',
  'backup.error.notABackup': 'This file is not a Carnet backup.',
  'backup.error.newerVersion':
    'This backup was made by a newer version of Carnet. Update Carnet, then try again.',
  'backup.error.truncated':
    'This backup is incomplete: the file was cut, probably during a copy or a download. Nothing was restored. Try another copy of the backup.',
  'backup.error.corrupt':
    'This backup has been damaged or altered, so it cannot be trusted. Nothing was restored. Try another copy of the backup.',
  'backup.error.exists':
    'This record is already on this device. To restore the backup in its place, tick the box below and restore again.',
};

export const fr: Record<keyof typeof en, string> = {
  'backup.title': 'Sauvegarde',
  'backup.body':
    'Une sauvegarde est un fichier chiffré qui contient tout votre carnet et ses documents. Gardez-la ailleurs que sur cet appareil (une clé USB, votre stockage en ligne) : si cet appareil est perdu ou si les données du navigateur sont effacées, la sauvegarde rend tout, sur n’importe quel navigateur.',
  'backup.passphraseNote':
    'Elle s’ouvre avec la phrase secrète de ce carnet au moment de la sauvegarde. Sans cette phrase secrète, personne ne peut la lire.',
  'backup.make': 'Faire une sauvegarde',
  'backup.making': 'Sauvegarde en cours…',
  'backup.made': 'Sauvegarde enregistrée sous le nom {file}.',
  'backup.last': 'Dernière sauvegarde : {date}.',
  'backup.never': 'Aucune sauvegarde pour l’instant.',
  'backup.reminder.never':
    'Vous n’avez jamais sauvegardé ce carnet. Si cet appareil est perdu, votre carnet est perdu avec lui.',
  'backup.reminder.old':
    'Votre dernière sauvegarde date du {date}. Faites-en une nouvelle pour y mettre ce que vous avez ajouté depuis.',
  'backup.reminder.link': 'Faire une sauvegarde dans les Réglages',
  'backup.restore.title': 'Restaurer une sauvegarde',
  'backup.restore.body':
    'Un fichier .carnet fait par Carnet, sur cet appareil ou un autre. Sa phrase secrète est celle du carnet au moment de la sauvegarde.',
  'backup.restore.start': 'Choisir un fichier de sauvegarde',
  'backup.restore.file': 'Fichier de sauvegarde (.carnet)',
  'backup.restore.passphrase': 'Phrase secrète de la sauvegarde',
  'backup.restore.submit': 'Restaurer',
  'backup.restore.working':
    'Restauration en cours… Cela peut prendre un moment pour un gros carnet.',
  'backup.restore.replace': 'Remplacer le carnet de cet appareil par celui de la sauvegarde',
  'backup.restore.replace.hint':
    'Ce qui a été ajouté à ce carnet sur cet appareil depuis la sauvegarde sera perdu.',
  'backup.error.notABackup': 'Ce fichier n’est pas une sauvegarde de Carnet.',
  'backup.error.newerVersion':
    'Cette sauvegarde a été faite par une version plus récente de Carnet. Mettez Carnet à jour, puis réessayez.',
  'backup.error.truncated':
    'Cette sauvegarde est incomplète : le fichier a été coupé, sans doute pendant une copie ou un téléchargement. Rien n’a été restauré. Essayez une autre copie de la sauvegarde.',
  'backup.error.corrupt':
    'Cette sauvegarde a été abîmée ou modifiée : on ne peut pas s’y fier. Rien n’a été restauré. Essayez une autre copie de la sauvegarde.',
  'backup.error.exists':
    'Ce carnet est déjà sur cet appareil. Pour restaurer la sauvegarde à sa place, cochez la case ci-dessous et restaurez à nouveau.',
};
