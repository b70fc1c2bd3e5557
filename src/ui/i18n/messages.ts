/**
 * The message catalogues: the core messages plus one file per area of the app (`areas/*.ts`,
 * each holding its English and French side by side). A French message missing from an area is a
 * compile error; a key given by two areas fails a unit test.
 */
import { coreEn } from './en';
import { coreFr } from './fr';
import * as agenda from './areas/agenda';
import * as circle from './areas/circle';
import * as documents from './areas/documents';
import * as profile from './areas/profile';
import * as profiles from './areas/profiles';
import * as record from './areas/record';
import * as story from './areas/story';

export const AREAS = {
  core: { en: coreEn, fr: coreFr },
  agenda,
  circle,
  documents,
  profile,
  profiles,
  record,
  story,
};

export const en = {
  ...coreEn,
  ...agenda.en,
  ...circle.en,
  ...documents.en,
  ...profile.en,
  ...profiles.en,
  ...record.en,
  ...story.en,
};

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

export const fr: Messages = {
  ...coreFr,
  ...agenda.fr,
  ...circle.fr,
  ...documents.fr,
  ...profile.fr,
  ...profiles.fr,
  ...record.fr,
  ...story.fr,
};
