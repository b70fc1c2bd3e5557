/**
 * The message catalogues: the core messages plus one file per area of the app (`areas/*.ts`,
 * each holding its English and French side by side). A French message missing from an area is a
 * compile error; a key given by two areas fails a unit test.
 */
import { coreEn } from './en';
import { coreFr } from './fr';
import * as agenda from './areas/agenda';
import * as cda from './areas/cda';
import * as backup from './areas/backup';
import * as circle from './areas/circle';
import * as documents from './areas/documents';
import * as emergency from './areas/emergency';
import * as interop from './areas/interop';
import * as profile from './areas/profile';
import * as profiles from './areas/profiles';
import * as receive from './areas/receive';
import * as record from './areas/record';
import * as share from './areas/share';
import * as story from './areas/story';

export const AREAS = {
  core: { en: coreEn, fr: coreFr },
  agenda,
  backup,
  cda,
  circle,
  documents,
  emergency,
  interop,
  profile,
  profiles,
  receive,
  record,
  share,
  story,
};

export const en = {
  ...coreEn,
  ...agenda.en,
  ...cda.en,
  ...backup.en,
  ...circle.en,
  ...documents.en,
  ...emergency.en,
  ...interop.en,
  ...profile.en,
  ...profiles.en,
  ...receive.en,
  ...record.en,
  ...share.en,
  ...story.en,
};

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

export const fr: Messages = {
  ...coreFr,
  ...agenda.fr,
  ...cda.fr,
  ...backup.fr,
  ...circle.fr,
  ...documents.fr,
  ...emergency.fr,
  ...interop.fr,
  ...profile.fr,
  ...profiles.fr,
  ...receive.fr,
  ...record.fr,
  ...share.fr,
  ...story.fr,
};
