/**
 * Messages of the emergency card: its screen, and the words printed on the card itself. The card
 * opens with both languages so that a responder abroad knows what they are reading.
 */
export const en = {
  'section.emergency': 'Emergency card',
  'emergency.intro':
    'What a first responder or a hospital should know when you cannot tell them. The QR code holds plain text: any phone’s camera shows it, with no app and no internet connection.',
  'emergency.public':
    'Anyone who reads the card or scans the code sees everything you choose here. Choose only what you are willing to show.',
  'emergency.fields': 'What the card shows',
  'emergency.field.identity': 'My name and birth date',
  'emergency.field.blood-group': 'Blood group',
  'emergency.field.allergies': 'Allergies',
  'emergency.field.treatments': 'Current treatments',
  'emergency.field.conditions': 'Current illnesses',
  'emergency.field.emergency-contacts': 'People to call',
  'emergency.field.trusted-person': 'Trusted person',
  'emergency.field.directives': 'Advance directives',
  'emergency.field.organ-donation': 'Organ donation',
  'emergency.nothingYet': 'Nothing in your record yet',
  'emergency.noneChosen': 'Choose at least one thing for the card to show.',
  'emergency.preview': 'The card and its QR code',
  'emergency.qr.label': 'QR code of the emergency card, holding the text below',
  'emergency.qr.hint': 'A phone’s camera pointed at the code shows this text:',
  'emergency.cut':
    'The code cannot hold everything: some items were left out (marked “…”): {list}.',
  'emergency.cut.item': '{field}, {count} left out',
  'emergency.wallet': 'Card for your wallet',
  'emergency.wallet.hint':
    'Print at actual size (100 %), cut along the outline and fold in two: it is the size of a bank card.',
  'emergency.wallet.label': 'Preview of the wallet card',
  'emergency.wallet.front': 'Front of the card',
  'emergency.wallet.back': 'Back of the card',
  'emergency.print': 'Print the card',
  'emergency.lockScreen': 'Image for the lock screen',
  'emergency.lockScreen.hint':
    'Set this image as your phone’s lock-screen wallpaper: the card can then be read and scanned without unlocking your phone.',
  'emergency.lockScreen.download': 'Download the lock-screen image',
  'emergency.lockScreen.file': 'emergency-card.png',
  'emergency.lockScreen.done': 'The image was downloaded.',

  // Printed on the card and in its QR code.
  'emergency.card.title': "EMERGENCY CARD / CARTE D'URGENCE",
  'emergency.card.scan': 'Scan with a phone camera / Scannez avec un téléphone',
  'emergency.card.colon': ': ',
  'emergency.card.birthDate': 'Born',
  'emergency.card.severity.mild': 'mild',
  'emergency.card.severity.moderate': 'moderate',
  'emergency.card.severity.severe': 'SEVERE',
  'emergency.card.donation.consents': 'agrees to donate',
  'emergency.card.donation.refuses': 'refuses to donate',
  'emergency.card.donation.refuses-partly': 'refuses to donate some organs',
  'emergency.card.directiveInDocument': 'signed document, in my Carnet app',
  'emergency.card.updated': 'Updated',
};

export const fr: Record<keyof typeof en, string> = {
  'section.emergency': 'Carte d’urgence',
  'emergency.intro':
    'Ce qu’un secouriste ou un hôpital doit savoir quand vous ne pouvez pas le dire. Le QR code contient du texte simple : l’appareil photo de n’importe quel téléphone l’affiche, sans application ni connexion internet.',
  'emergency.public':
    'Toute personne qui lit la carte ou scanne le code voit tout ce que vous choisissez ici. Ne choisissez que ce que vous acceptez de montrer.',
  'emergency.fields': 'Ce que la carte montre',
  'emergency.field.identity': 'Mon nom et ma date de naissance',
  'emergency.field.blood-group': 'Groupe sanguin',
  'emergency.field.allergies': 'Allergies',
  'emergency.field.treatments': 'Traitements en cours',
  'emergency.field.conditions': 'Maladies en cours',
  'emergency.field.emergency-contacts': 'Personnes à prévenir',
  'emergency.field.trusted-person': 'Personne de confiance',
  'emergency.field.directives': 'Directives anticipées',
  'emergency.field.organ-donation': 'Don d’organes',
  'emergency.nothingYet': 'Rien dans votre carnet pour l’instant',
  'emergency.noneChosen': 'Choisissez au moins une information à montrer sur la carte.',
  'emergency.preview': 'La carte et son QR code',
  'emergency.qr.label': 'QR code de la carte d’urgence, contenant le texte ci-dessous',
  'emergency.qr.hint': 'L’appareil photo d’un téléphone pointé sur le code affiche ce texte :',
  'emergency.cut':
    'Le code ne peut pas tout contenir : des éléments ont été laissés de côté (marqués « … ») : {list}.',
  'emergency.cut.item': '{field}, {count} en moins',
  'emergency.wallet': 'Carte pour votre portefeuille',
  'emergency.wallet.hint':
    'Imprimez en taille réelle (100 %), découpez le contour et pliez en deux : elle a la taille d’une carte bancaire.',
  'emergency.wallet.label': 'Aperçu de la carte pour le portefeuille',
  'emergency.wallet.front': 'Recto de la carte',
  'emergency.wallet.back': 'Verso de la carte',
  'emergency.print': 'Imprimer la carte',
  'emergency.lockScreen': 'Image pour l’écran verrouillé',
  'emergency.lockScreen.hint':
    'Mettez cette image en fond d’écran de verrouillage de votre téléphone : la carte peut alors être lue et scannée sans déverrouiller le téléphone.',
  'emergency.lockScreen.download': 'Télécharger l’image pour l’écran verrouillé',
  'emergency.lockScreen.file': 'carte-urgence.png',
  'emergency.lockScreen.done': 'L’image a été téléchargée.',

  'emergency.card.title': "CARTE D'URGENCE / EMERGENCY CARD",
  'emergency.card.scan': 'Scannez avec un téléphone / Scan with a phone camera',
  'emergency.card.colon': ' : ',
  'emergency.card.birthDate': 'Né(e) le',
  'emergency.card.severity.mild': 'légère',
  'emergency.card.severity.moderate': 'modérée',
  'emergency.card.severity.severe': 'GRAVE',
  'emergency.card.donation.consents': 'accepte le don',
  'emergency.card.donation.refuses': 'refuse le don',
  'emergency.card.donation.refuses-partly': 'refuse le don de certains organes',
  'emergency.card.directiveInDocument': 'document signé, dans mon application Carnet',
  'emergency.card.updated': 'Mise à jour',
};
