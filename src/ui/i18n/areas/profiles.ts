/** Messages of the profiles screens: family records, opened from a parent's record. */
export const en = {
  'family.intro':
    "From your record, open a child's or a relative's record without typing its passphrase. Each of these records keeps its own passphrase too, and opens on its own with it. Locking closes every open record.",
  'family.linked.title': 'Records you can open from this one',
  'family.linked.none': 'No record is linked to this one yet.',
  'family.unnamed': 'Record without a nickname',
  'family.missing': 'This record is no longer on this device.',
  'family.notLinked':
    'This record is not linked to the open one any more. Open it with its own passphrase.',
  'family.open': 'Open',
  'family.openNamed': 'Open the record of {name}',
  'family.opening': 'Opening…',
  'family.unlink': 'Remove the link',
  'family.unlinkNamed': 'Remove the link to the record of {name}',
  'family.unlink.confirm':
    'Remove the link to the record of {name}? That record and its passphrase do not change; to open it from yours again, you will need its passphrase.',
  'family.unlink.yes': 'Yes, remove the link',
  'family.unlink.no': 'Cancel',
  'family.unlinked': 'The record of {name} is no longer linked to yours.',
  'family.create.title': "Create a child's or a relative's record",
  'family.create.intro':
    'Choose a passphrase of its own for this record: it opens the record on its own, for instance once the child has grown up. From your record, you open it without the passphrase.',
  'family.create.nickname': 'First name or nickname',
  'family.create.passphrase': 'Passphrase of this record',
  'family.create.confirm': 'Type the passphrase of this record again',
  'family.create.submit': 'Create the record',
  'family.create.working': 'Creating the record…',
  'family.create.remember':
    'Write this passphrase down and keep it somewhere safe: without it, this record opens only from yours.',
  'family.created': 'The record of {name} is created and linked to yours.',
  'family.link.title': 'Link a record of this device',
  'family.link.intro':
    'Type the passphrase of a record already on this device, once: you will then open it from yours.',
  'family.link.choose': 'Which record?',
  'family.link.passphrase': 'Passphrase of the chosen record',
  'family.link.submit': 'Link',
  'family.link.working': 'Checking…',
  'family.link.none': 'There is no other record on this device to link.',
  'family.linkedNamed': 'The record of {name} is linked to yours.',
  'family.linkedDone': 'The record is linked to yours.',
  'family.banner': 'You are viewing the record of {child} from the record of {guardian}.',
  'family.banner.unnamed': 'You are viewing the record of {child} from another record.',
  'family.banner.back': 'Back to the record of {guardian}',
  'family.banner.backUnnamed': 'Back to the previous record',
  'family.banner.child': 'this person',
};

export const fr: Record<keyof typeof en, string> = {
  'family.intro':
    "Depuis votre carnet, ouvrez celui d'un enfant ou d'un proche sans taper sa phrase secrète. Chacun de ces carnets garde aussi sa propre phrase secrète et s'ouvre seul avec elle. Verrouiller ferme tous les carnets ouverts.",
  'family.linked.title': 'Carnets que vous ouvrez depuis celui-ci',
  'family.linked.none': "Aucun carnet n'est encore relié à celui-ci.",
  'family.unnamed': 'Carnet sans surnom',
  'family.missing': "Ce carnet n'est plus sur cet appareil.",
  'family.notLinked':
    "Ce carnet n'est plus lié à celui qui est ouvert. Ouvrez-le avec sa propre phrase secrète.",
  'family.open': 'Ouvrir',
  'family.openNamed': 'Ouvrir le carnet de {name}',
  'family.opening': 'Ouverture…',
  'family.unlink': 'Retirer le lien',
  'family.unlinkNamed': 'Retirer le lien avec le carnet de {name}',
  'family.unlink.confirm':
    "Retirer le lien avec le carnet de {name} ? Ce carnet et sa phrase secrète ne changent pas ; pour l'ouvrir à nouveau depuis le vôtre, il faudra sa phrase secrète.",
  'family.unlink.yes': 'Oui, retirer le lien',
  'family.unlink.no': 'Annuler',
  'family.unlinked': "Le carnet de {name} n'est plus relié au vôtre.",
  'family.create.title': "Créer le carnet d'un enfant ou d'un proche",
  'family.create.intro':
    "Choisissez pour ce carnet une phrase secrète à lui : elle l'ouvre seul, par exemple quand l'enfant sera grand. Depuis votre carnet, vous l'ouvrez sans elle.",
  'family.create.nickname': 'Prénom ou surnom',
  'family.create.passphrase': 'Phrase secrète de son carnet',
  'family.create.confirm': 'Retapez la phrase secrète de son carnet',
  'family.create.submit': 'Créer son carnet',
  'family.create.working': 'Création du carnet…',
  'family.create.remember':
    "Notez cette phrase secrète et rangez-la en lieu sûr : sans elle, ce carnet ne s'ouvre que depuis le vôtre.",
  'family.created': 'Le carnet de {name} est créé et relié au vôtre.',
  'family.link.title': 'Relier un carnet de cet appareil',
  'family.link.intro':
    "Tapez une fois la phrase secrète d'un carnet déjà présent sur cet appareil : vous l'ouvrirez ensuite depuis le vôtre.",
  'family.link.choose': 'Quel carnet ?',
  'family.link.passphrase': 'Phrase secrète du carnet choisi',
  'family.link.submit': 'Relier',
  'family.link.working': 'Vérification…',
  'family.link.none': "Il n'y a pas d'autre carnet à relier sur cet appareil.",
  'family.linkedNamed': 'Le carnet de {name} est relié au vôtre.',
  'family.linkedDone': 'Le carnet est relié au vôtre.',
  'family.banner': 'Vous consultez le carnet de {child} depuis le carnet de {guardian}.',
  'family.banner.unnamed': 'Vous consultez le carnet de {child} depuis un autre carnet.',
  'family.banner.back': 'Revenir au carnet de {guardian}',
  'family.banner.backUnnamed': 'Revenir au carnet précédent',
  'family.banner.child': 'cette personne',
};
