/** Messages of the import and export screen (FHIR and CDA files in, FHIR and zip out). */
export const en = {
  'section.import': 'Import and export',
  'interop.title': 'Import and export',

  'interop.import.title': 'Import a file',
  'interop.import.intro':
    'Bring in a health summary (a FHIR JSON file: international patient summary, Apple Health, Synthea…) or a French medical document (a CDA XML file, as Mon espace santé holds them). You see what will be added before anything is saved.',
  'interop.import.file': 'File to import (.json or .xml)',
  'interop.import.reading': 'Reading the file…',
  'interop.import.another': 'Choose another file',

  'interop.preview.title': 'What “{name}” will add',
  'interop.preview.total': '{count} entries will be added to your record.',
  'interop.preview.already':
    '{count} entries of this file are already in your record: they will not be added again.',
  'interop.preview.nothingNew':
    'Everything in this file is already in your record: importing it again adds nothing.',
  'interop.preview.first': 'First entries',
  'interop.preview.identity':
    'Identity fields still blank in your record will be filled in: {fields}.',
  'interop.preview.identityDiffers':
    'This file seems to be about someone else: {fields} differ from your record’s identity. Your record’s identity will not change; import the file only if it really is yours.',
  'interop.preview.kept': 'Not added as entries ({count})',
  'interop.preview.keptHint':
    'Carnet keeps these as they came, so nothing is lost, and gives them back in its own export.',
  'interop.preview.keptMore': 'and {count} more',
  'interop.preview.external':
    'This file points to documents elsewhere on the internet. Carnet never fetches them: {urls}',
  'interop.preview.dropped':
    '{count} values Carnet could not record were left out (a partial date, a malformed phone number…).',
  'interop.confirm': 'Add to my record',
  'interop.saving': 'Adding to your record…',

  'interop.reason.unsupported-resource': 'Carnet has no place for this kind of information',
  'interop.reason.summary-structure': 'The table of contents of the summary',
  'interop.reason.not-referenced': 'A medicine no treatment refers to',
  'interop.reason.other-patient': 'About another person',
  'interop.reason.entered-in-error': 'Marked as an error, cancelled or not done',
  'interop.reason.states-absence': 'Says there is nothing to note (“no known allergy”)',
  'interop.reason.no-name': 'Has no name Carnet could show',
  'interop.reason.missing-date': 'Its date is missing or incomplete',
  'interop.reason.unknown-observation': 'A result Carnet has no measure for',
  'interop.reason.unit-not-convertible': 'A measure in a unit Carnet cannot convert',
  'interop.reason.lone-blood-pressure': 'Half of a blood pressure reading',
  'interop.reason.not-a-stay': 'A visit that was not a hospital stay',
  'interop.reason.invalid-attachment': 'Its attached file is damaged',
  'interop.reason.invalid': 'Values Carnet cannot record',

  'interop.done.title': 'Import finished',
  'interop.done.added': '{count} entries added to your record.',
  'interop.done.nothing': 'Nothing new: everything in this file was already in your record.',
  'interop.done.kept': '{count} other items kept as they came.',
  'interop.done.identity': 'Identity filled in: {fields}.',
  'interop.done.see': 'See my medical profile',

  'interop.error.not-json':
    'This file cannot be read: it is not JSON (nor a CDA XML document). Nothing was imported.',
  'interop.error.not-fhir': 'This JSON file is not a FHIR health record. Nothing was imported.',
  'interop.error.unsupported-bundle-type':
    'This FHIR file is a kind of bundle Carnet does not import (it takes summaries, collections, transactions and search results). Nothing was imported.',
  'interop.error.unsupported-resource':
    'This FHIR file holds one resource of a kind Carnet does not import. Nothing was imported.',
  'interop.error.too-large':
    'This file is too large to import (more than {size}). Nothing was imported.',
  'interop.error.unknown-type':
    'Carnet imports FHIR files (.json) and CDA documents (.xml). Nothing was imported.',

  'interop.cda.document': 'A {type}: “{title}”, dated {date}',

  'interop.export.title': 'Export my record',
  'interop.export.intro':
    'Take your record elsewhere: to another app, to a doctor, or to keep a readable copy.',
  'interop.export.warning':
    'An exported file is not encrypted: anyone who gets it can read your health information. Keep it somewhere safe.',
  'interop.export.ips': 'Download my patient summary (IPS)',
  'interop.export.ipsHint':
    'The international patient summary: problems, allergies, treatments, vaccinations… as a FHIR JSON file that health software can read.',
  'interop.export.collection': 'Download my whole record (FHIR)',
  'interop.export.collectionHint':
    'Every entry and every attached file in one FHIR JSON file. Carnet can import it back.',
  'interop.export.zip': 'Download my whole record and its files (zip)',
  'interop.export.zipHint': 'The same FHIR file, with your documents beside it as they were added.',
  'interop.export.working': 'Preparing the file…',
};

export const fr: Record<keyof typeof en, string> = {
  'section.import': 'Importer et exporter',
  'interop.title': 'Importer et exporter',

  'interop.import.title': 'Importer un fichier',
  'interop.import.intro':
    'Ajoutez une synthèse médicale (un fichier FHIR JSON : résumé patient international, Apple Santé, Synthea…) ou un document médical français (un fichier CDA XML, comme ceux de Mon espace santé). Vous voyez ce qui sera ajouté avant tout enregistrement.',
  'interop.import.file': 'Fichier à importer (.json ou .xml)',
  'interop.import.reading': 'Lecture du fichier…',
  'interop.import.another': 'Choisir un autre fichier',

  'interop.preview.title': 'Ce que « {name} » va ajouter',
  'interop.preview.total': '{count} éléments seront ajoutés à votre carnet.',
  'interop.preview.already':
    '{count} éléments de ce fichier sont déjà dans votre carnet : ils ne seront pas ajoutés une deuxième fois.',
  'interop.preview.nothingNew':
    'Tout ce que contient ce fichier est déjà dans votre carnet : l’importer de nouveau n’ajoute rien.',
  'interop.preview.first': 'Premiers éléments',
  'interop.preview.identity':
    'Les champs de votre identité encore vides seront remplis : {fields}.',
  'interop.preview.identityDiffers':
    'Ce fichier semble concerner quelqu’un d’autre : {fields} diffèrent de l’identité de votre carnet. Votre identité ne sera pas modifiée ; n’importez ce fichier que s’il vous concerne vraiment.',
  'interop.preview.kept': 'Non ajoutés comme éléments ({count})',
  'interop.preview.keptHint':
    'Carnet les conserve tels quels, pour que rien ne se perde, et les restitue dans son propre export.',
  'interop.preview.keptMore': 'et {count} de plus',
  'interop.preview.external':
    'Ce fichier renvoie à des documents ailleurs sur internet. Carnet ne les télécharge jamais : {urls}',
  'interop.preview.dropped':
    '{count} valeurs que Carnet ne peut pas enregistrer ont été laissées de côté (une date incomplète, un numéro de téléphone mal écrit…).',
  'interop.confirm': 'Ajouter à mon carnet',
  'interop.saving': 'Ajout à votre carnet…',

  'interop.reason.unsupported-resource': 'Carnet n’a pas de place pour ce type d’information',
  'interop.reason.summary-structure': 'La table des matières de la synthèse',
  'interop.reason.not-referenced': 'Un médicament auquel aucun traitement ne renvoie',
  'interop.reason.other-patient': 'Concerne une autre personne',
  'interop.reason.entered-in-error': 'Marqué comme erroné, annulé ou non réalisé',
  'interop.reason.states-absence':
    'Indique qu’il n’y a rien à signaler (« aucune allergie connue »)',
  'interop.reason.no-name': 'N’a pas de nom que Carnet puisse afficher',
  'interop.reason.missing-date': 'Sa date manque ou est incomplète',
  'interop.reason.unknown-observation': 'Un résultat pour lequel Carnet n’a pas de mesure',
  'interop.reason.unit-not-convertible':
    'Une mesure dans une unité que Carnet ne sait pas convertir',
  'interop.reason.lone-blood-pressure': 'La moitié d’une mesure de tension',
  'interop.reason.not-a-stay': 'Une consultation qui n’était pas une hospitalisation',
  'interop.reason.invalid-attachment': 'Son fichier joint est endommagé',
  'interop.reason.invalid': 'Des valeurs que Carnet ne peut pas enregistrer',

  'interop.done.title': 'Import terminé',
  'interop.done.added': '{count} éléments ajoutés à votre carnet.',
  'interop.done.nothing':
    'Rien de nouveau : tout ce que contient ce fichier était déjà dans votre carnet.',
  'interop.done.kept': '{count} autres informations conservées telles quelles.',
  'interop.done.identity': 'Identité complétée : {fields}.',
  'interop.done.see': 'Voir mon profil médical',

  'interop.error.not-json':
    'Ce fichier est illisible : ce n’est pas du JSON (ni un document CDA XML). Rien n’a été importé.',
  'interop.error.not-fhir':
    'Ce fichier JSON n’est pas un dossier de santé FHIR. Rien n’a été importé.',
  'interop.error.unsupported-bundle-type':
    'Ce fichier FHIR est un type de lot que Carnet n’importe pas (il accepte synthèses, collections, transactions et résultats de recherche). Rien n’a été importé.',
  'interop.error.unsupported-resource':
    'Ce fichier FHIR contient une seule ressource, d’un type que Carnet n’importe pas. Rien n’a été importé.',
  'interop.error.too-large':
    'Ce fichier est trop gros pour être importé (plus de {size}). Rien n’a été importé.',
  'interop.error.unknown-type':
    'Carnet importe les fichiers FHIR (.json) et les documents CDA (.xml). Rien n’a été importé.',

  'interop.cda.document': '{type} : « {title} », du {date}',

  'interop.export.title': 'Exporter mon carnet',
  'interop.export.intro':
    'Emportez votre carnet ailleurs : vers une autre application, chez un médecin, ou pour en garder une copie lisible.',
  'interop.export.warning':
    'Un fichier exporté n’est pas chiffré : toute personne qui l’obtient peut lire vos informations de santé. Gardez-le en lieu sûr.',
  'interop.export.ips': 'Télécharger ma synthèse médicale (IPS)',
  'interop.export.ipsHint':
    'Le résumé patient international : problèmes de santé, allergies, traitements, vaccinations… dans un fichier FHIR JSON que les logiciels de santé savent lire.',
  'interop.export.collection': 'Télécharger tout mon carnet (FHIR)',
  'interop.export.collectionHint':
    'Tous les éléments et tous les fichiers joints dans un seul fichier FHIR JSON. Carnet peut le réimporter.',
  'interop.export.zip': 'Télécharger tout mon carnet et ses fichiers (zip)',
  'interop.export.zipHint':
    'Le même fichier FHIR, avec vos documents à côté, tels qu’ils ont été ajoutés.',
  'interop.export.working': 'Préparation du fichier…',
};
