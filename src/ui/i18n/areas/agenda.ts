/** Messages of the agenda: appointments, their export to a calendar, and reminders. */
export const en = {
  'agenda.upcoming': 'Coming up',
  'agenda.noneUpcoming': 'No appointment to come.',
  'agenda.past': 'Past appointments',
  'agenda.showPast': 'Show past appointments ({count})',
  'agenda.today': 'Today — {day}',
  'agenda.tomorrow': 'Tomorrow — {day}',
  'agenda.reminder': 'Reminder',
  'agenda.exportOne': 'Export (.ics)',
  'agenda.exportAll': 'Export all (.ics)',
  'agenda.exportHint':
    'An .ics file adds your appointments to your phone’s or computer’s calendar. It is not encrypted: it holds each appointment’s details. Delete it once imported.',
  'agenda.ics.summary': 'Medical appointment',
  'agenda.ics.line': '{label}: {value}',
  'agenda.ics.alarm': 'Appointment reminder',
  'agenda.ics.calendarName': 'Carnet — appointments',
  'agenda.ics.fileOne': 'appointment',
  'agenda.ics.fileAll': 'appointments',
  'agenda.reminders.title': 'Reminders',
  'agenda.reminders.intro':
    'Carnet reminds you of an appointment at the time you chose, but only while Carnet is open and your record unlocked. To be reminded when it is closed, export your appointments to your calendar.',
  'agenda.reminders.ask': 'Get reminders as notifications',
  'agenda.reminders.privacy':
    'A notification can show on a locked screen, so it only says when the appointment is: never with whom, where or why.',
  'agenda.reminders.granted':
    'Reminders also appear as notifications on this device, while Carnet is open.',
  'agenda.reminders.denied':
    'Notifications are blocked for Carnet. To get them, allow notifications for this site in your browser’s settings. Reminders still show in Carnet.',
  'agenda.reminders.unsupported':
    'This browser cannot show notifications for Carnet (on an iPhone, add Carnet to the home screen first). Reminders still show in Carnet.',

  'reminder.title': 'Reminder:',
  'reminder.appointment': 'appointment {when}.',
  'reminder.today': 'today at {time}',
  'reminder.tomorrow': 'tomorrow at {time}',
  'reminder.onDay': 'on {day} at {time}',
  'reminder.before': '{duration} before',
  'reminder.open': 'See the appointment',
  'reminder.dismiss': 'Dismiss',
  'reminder.notificationTitle': 'Carnet',
  'reminder.notificationBody': 'Appointment {when}',
};

export const fr: Record<keyof typeof en, string> = {
  'agenda.upcoming': 'À venir',
  'agenda.noneUpcoming': 'Aucun rendez-vous à venir.',
  'agenda.past': 'Rendez-vous passés',
  'agenda.showPast': 'Afficher les rendez-vous passés ({count})',
  'agenda.today': "Aujourd'hui — {day}",
  'agenda.tomorrow': 'Demain — {day}',
  'agenda.reminder': 'Rappel',
  'agenda.exportOne': 'Exporter (.ics)',
  'agenda.exportAll': 'Tout exporter (.ics)',
  'agenda.exportHint':
    "Un fichier .ics ajoute vos rendez-vous à l'agenda de votre téléphone ou de votre ordinateur. Il n'est pas chiffré : il contient le détail de chaque rendez-vous. Supprimez-le une fois importé.",
  'agenda.ics.summary': 'Rendez-vous médical',
  'agenda.ics.line': '{label} : {value}',
  'agenda.ics.alarm': 'Rappel de rendez-vous',
  'agenda.ics.calendarName': 'Carnet — rendez-vous',
  'agenda.ics.fileOne': 'rendez-vous',
  'agenda.ics.fileAll': 'agenda',
  'agenda.reminders.title': 'Rappels',
  'agenda.reminders.intro':
    'Carnet vous rappelle un rendez-vous au moment choisi, mais seulement tant que Carnet est ouvert et votre carnet déverrouillé. Pour un rappel quand il est fermé, exportez vos rendez-vous dans votre agenda.',
  'agenda.reminders.ask': 'Recevoir les rappels comme notifications',
  'agenda.reminders.privacy':
    "Une notification peut s'afficher sur l'écran verrouillé : elle indique donc seulement quand a lieu le rendez-vous, jamais avec qui, où ni pourquoi.",
  'agenda.reminders.granted':
    "Les rappels s'affichent aussi comme notifications sur cet appareil, tant que Carnet est ouvert.",
  'agenda.reminders.denied':
    "Les notifications sont bloquées pour Carnet. Pour les recevoir, autorisez les notifications de ce site dans les réglages du navigateur. Les rappels s'affichent toujours dans Carnet.",
  'agenda.reminders.unsupported':
    "Ce navigateur ne peut pas afficher de notifications pour Carnet (sur iPhone, ajoutez d'abord Carnet à l'écran d'accueil). Les rappels s'affichent toujours dans Carnet.",

  'reminder.title': 'Rappel :',
  'reminder.appointment': 'rendez-vous {when}.',
  'reminder.today': "aujourd'hui à {time}",
  'reminder.tomorrow': 'demain à {time}',
  'reminder.onDay': 'le {day} à {time}',
  'reminder.before': '{duration} avant',
  'reminder.open': 'Voir le rendez-vous',
  'reminder.dismiss': 'Fermer',
  'reminder.notificationTitle': 'Carnet',
  'reminder.notificationBody': 'Rendez-vous {when}',
};
