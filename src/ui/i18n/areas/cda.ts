/**
 * Messages about CDA documents (the French CI-SIS reports Mon espace santé holds): their
 * narrative in the document viewer, and the words an import screen needs for what it could not
 * take, why a file was refused, and a document about someone else.
 */
export const en = {
  'cda.narrative': 'Content of “{title}”',
  'cda.reading': 'Reading the document…',
  'cda.empty': 'This document has no text to show. Download the original to open it elsewhere.',
  'cda.unreadable':
    'This document cannot be shown here: it is not a CDA document Carnet can read. You can still download it.',
  'cda.table': 'Table',
  'cda.tableIn': 'Table: {name}',
  'cda.omitted.multimedia': '[image or attached file, not shown]',
  'cda.omitted.foreign-element': '[content not shown]',

  'cda.error.notCda':
    'This file is not a CDA document (a French medical report in XML). Nothing was imported.',
  'cda.error.malformed':
    'This file is damaged or incomplete: its XML cannot be read. Nothing was imported.',
  'cda.error.tooLarge':
    'This file is too large to import (more than {size}). Nothing was imported.',
  'cda.patient.mismatch':
    'This document seems to be about someone else: {fields} differ from this record’s identity. Import it only if it really is yours.',
  'cda.patient.unknown':
    'The identity in this record is not filled in, so Carnet cannot check that this document is about you.',
  'cda.patient.match': 'The document is about the person of this record.',
  'cda.field.ins': 'the INS',
  'cda.field.familyName': 'the name',
  'cda.field.givenNames': 'the first name',
  'cda.field.birthDate': 'the date of birth',
  'cda.field.sex': 'the sex',
  'cda.type.notMapped': 'Its type ({code}) is not one of Carnet’s: it is filed as “Other”.',
  'cda.pdfExtracted': 'The PDF inside the document will be kept as its file.',
  'cda.approximateDate': 'Only the year or month is known: the date shown is its first day.',
  'cda.unmapped.title': 'Kept in the document only',
  'cda.unmapped.measure-not-in-carnet':
    'A result Carnet has no measure for: it stays in the document’s text.',
  'cda.unmapped.invalid-measure': 'A measure whose value or unit Carnet cannot record.',
  'cda.unmapped.vaccination-without-date': 'A vaccination without a date.',
  'cda.unmapped.vaccination-not-given': 'A vaccination that was not given, or only planned.',
  'cda.unmapped.invalid-vaccination': 'A vaccination Carnet cannot record.',
  'cda.unmapped.not-imported': 'Kept in the document’s text, not added to your record.',
  'cda.unmapped.embedded-file-not-pdf':
    'The file inside the document is not a PDF: the whole document is kept instead.',
  'cda.unmapped.external-file': 'The document points to a file elsewhere: Carnet never fetches it.',
  'cda.unmapped.multimedia': 'An image or attached file, not shown.',
  'cda.unmapped.foreign-element': 'Content that is not part of a CDA text, left out.',
};

export const fr: Record<keyof typeof en, string> = {
  'cda.narrative': 'Contenu de « {title} »',
  'cda.reading': 'Lecture du document…',
  'cda.empty':
    "Ce document n'a pas de texte à afficher. Téléchargez l'original pour l'ouvrir avec une autre application.",
  'cda.unreadable':
    "Ce document ne peut pas être affiché ici : ce n'est pas un document CDA que Carnet sait lire. Vous pouvez tout de même le télécharger.",
  'cda.table': 'Tableau',
  'cda.tableIn': 'Tableau : {name}',
  'cda.omitted.multimedia': '[image ou fichier joint, non affiché]',
  'cda.omitted.foreign-element': '[contenu non affiché]',

  'cda.error.notCda':
    "Ce fichier n'est pas un document CDA (un compte rendu médical français en XML). Rien n'a été importé.",
  'cda.error.malformed':
    "Ce fichier est abîmé ou incomplet : son XML ne peut pas être lu. Rien n'a été importé.",
  'cda.error.tooLarge':
    "Ce fichier est trop volumineux pour être importé (plus de {size}). Rien n'a été importé.",
  'cda.patient.mismatch':
    "Ce document semble concerner quelqu'un d'autre : {fields} ne correspondent pas à l'identité de ce carnet. Ne l'importez que s'il vous concerne vraiment.",
  'cda.patient.unknown':
    "L'identité de ce carnet n'est pas renseignée : Carnet ne peut pas vérifier que ce document vous concerne.",
  'cda.patient.match': 'Le document concerne bien la personne de ce carnet.',
  'cda.field.ins': "l'INS",
  'cda.field.familyName': 'le nom',
  'cda.field.givenNames': 'le prénom',
  'cda.field.birthDate': 'la date de naissance',
  'cda.field.sex': 'le sexe',
  'cda.type.notMapped':
    "Son type ({code}) n'est pas l'un de ceux de Carnet : il est classé dans « Autre ».",
  'cda.pdfExtracted': 'Le PDF contenu dans le document sera gardé comme fichier.',
  'cda.approximateDate':
    "Seule l'année ou le mois est connu : la date indiquée en est le premier jour.",
  'cda.unmapped.title': 'Gardé dans le document seulement',
  'cda.unmapped.measure-not-in-carnet':
    "Un résultat pour lequel Carnet n'a pas de mesure : il reste dans le texte du document.",
  'cda.unmapped.invalid-measure':
    'Une mesure dont la valeur ou l’unité ne peut pas être enregistrée.',
  'cda.unmapped.vaccination-without-date': 'Une vaccination sans date.',
  'cda.unmapped.vaccination-not-given': 'Une vaccination non faite, ou seulement prévue.',
  'cda.unmapped.invalid-vaccination': 'Une vaccination que Carnet ne peut pas enregistrer.',
  'cda.unmapped.not-imported': 'Gardé dans le texte du document, non ajouté à votre carnet.',
  'cda.unmapped.embedded-file-not-pdf':
    "Le fichier contenu dans le document n'est pas un PDF : le document entier est gardé à la place.",
  'cda.unmapped.external-file':
    'Le document renvoie à un fichier situé ailleurs : Carnet ne va jamais le chercher.',
  'cda.unmapped.multimedia': 'Une image ou un fichier joint, non affiché.',
  'cda.unmapped.foreign-element':
    "Du contenu qui ne fait pas partie d'un texte CDA, laissé de côté.",
};
