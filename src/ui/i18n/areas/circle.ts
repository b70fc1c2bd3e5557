/** Messages of the close circle and of the patient's wishes (directives, organ donation). */
export const en = {
  'circle.empty': 'No one in your circle yet: add the people to call and your doctors.',
  'circle.emergency': 'In an emergency, call',
  'circle.emergencyEmpty':
    'No one to call in an emergency yet. Tick “Call in an emergency” on a contact’s card.',
  'circle.emergencyMark': 'To call in an emergency',
  'circle.trusted': 'Trusted person',
  'circle.trustedHint':
    'Your trusted person (personne de confiance) can go with you to appointments and help you decide. If one day you cannot express your wishes, the doctors must consult them first. You name them in writing, they co-sign, and you can change your mind at any time.',
  'circle.trustedEmpty': 'You have not named a trusted person.',
  'circle.care': 'Care team',
  'circle.careEmpty': 'Add your GP (médecin traitant) and the specialists who follow you.',
  'circle.familyAndFriends': 'Family and friends',
  'circle.others': 'Others',

  'wishes.advanceHint':
    'Advance directives say what you want at the end of life — to continue, limit, stop or refuse treatments — should you no longer be able to say it. Doctors must follow them, except in a life-threatening emergency or if they are clearly unsuited to the situation. You can change them at any time: tell your doctor and your trusted person where they are.',
  'wishes.advanceEmpty': 'You have not written advance directives.',
  'wishes.advanceAdd': 'Write my advance directives',
  'wishes.writtenOn': 'Written on {date}',
  'wishes.undated': 'Undated',
  'wishes.signedDocument': 'Signed document:',
  'wishes.documentGone': 'this document is no longer in the record.',
  'wishes.openEntry': 'See or change',
  'wishes.donationHint':
    'In France everyone is presumed to consent to organ donation. To refuse, all or in part, sign up to the national refusal register (registrenationaldesrefus.fr) or write it down and give it to a relative; in any case tell your relatives.',
  'wishes.donationEmpty': 'You have not noted your choice.',
  'wishes.donationAdd': 'Note my choice',
  'wishes.donationChange': 'Change my choice',
  'wishes.statedOn': 'Noted on {date}',
  'wishes.registerHint':
    'Noting it in Carnet does not register your refusal: only the national refusal register, a written statement given to a relative, or your relatives’ testimony count.',
  'wishes.earlier': 'Earlier choices ({count})',
};

export const fr: Record<keyof typeof en, string> = {
  'circle.empty':
    "Personne dans votre entourage pour l'instant : ajoutez les personnes à prévenir et vos médecins.",
  'circle.emergency': "En cas d'urgence, prévenir",
  'circle.emergencyEmpty':
    "Aucune personne à prévenir en cas d'urgence. Cochez « À prévenir en cas d'urgence » sur la fiche d'un proche.",
  'circle.emergencyMark': "À prévenir en cas d'urgence",
  'circle.trusted': 'Personne de confiance',
  'circle.trustedHint':
    "Votre personne de confiance peut vous accompagner à vos rendez-vous et vous aider dans vos décisions. Si un jour vous ne pouvez plus exprimer votre volonté, les médecins doivent la consulter en priorité. Vous la désignez par écrit, elle cosigne, et vous pouvez changer d'avis à tout moment.",
  'circle.trustedEmpty': "Vous n'avez pas désigné de personne de confiance.",
  'circle.care': 'Équipe de soins',
  'circle.careEmpty': 'Ajoutez votre médecin traitant et les spécialistes qui vous suivent.',
  'circle.familyAndFriends': 'Famille et amis',
  'circle.others': 'Autres',

  'wishes.advanceHint':
    "Les directives anticipées disent ce que vous voulez pour votre fin de vie — poursuivre, limiter, arrêter ou refuser des traitements — au cas où vous ne pourriez plus l'exprimer. Les médecins doivent les respecter, sauf urgence vitale ou si elles sont manifestement inappropriées à la situation. Vous pouvez les modifier à tout moment : dites à votre médecin et à votre personne de confiance où elles se trouvent.",
  'wishes.advanceEmpty': "Vous n'avez pas écrit de directives anticipées.",
  'wishes.advanceAdd': 'Écrire mes directives anticipées',
  'wishes.writtenOn': 'Rédigées le {date}',
  'wishes.undated': 'Sans date',
  'wishes.signedDocument': 'Document signé :',
  'wishes.documentGone': "ce document n'est plus dans le carnet.",
  'wishes.openEntry': 'Voir ou modifier',
  'wishes.donationHint':
    "En France, chacun est présumé donneur d'organes. Pour refuser, en tout ou en partie, inscrivez-vous sur le registre national des refus (registrenationaldesrefus.fr) ou écrivez-le et confiez ce document à un proche ; dans tous les cas, dites-le à vos proches.",
  'wishes.donationEmpty': "Vous n'avez pas noté votre choix.",
  'wishes.donationAdd': 'Noter mon choix',
  'wishes.donationChange': 'Changer mon choix',
  'wishes.statedOn': 'Noté le {date}',
  'wishes.registerHint':
    'Le noter dans Carnet ne vaut pas inscription : seuls comptent le registre national des refus, un écrit confié à un proche ou le témoignage de vos proches.',
  'wishes.earlier': 'Choix précédents ({count})',
};
