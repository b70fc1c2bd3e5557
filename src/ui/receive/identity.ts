/**
 * The professional's declared identity, as typed in the receive form: checked with lib/share's
 * ProfessionalIdentitySchema (the one the patient's device applies), so the form refuses exactly
 * what the handshake would refuse, and each problem lands beside its field as a message key.
 */
import * as v from 'valibot';
import { ProfessionalIdentitySchema, type ProfessionalIdentity } from '../../lib/share';

export type IdentityField = 'name' | 'profession' | 'rpps';

/** What the form holds: raw text, possibly padded with spaces. */
export interface IdentityDraft {
  name: string;
  profession: string;
  rpps: string;
}

export type IdentityProblem = 'required' | 'too-long' | 'hidden-characters' | 'rpps';

export type IdentityCheck =
  | { ok: true; identity: ProfessionalIdentity }
  | { ok: false; problems: Partial<Record<IdentityField, IdentityProblem>> };

const FIELDS: readonly IdentityField[] = ['name', 'profession', 'rpps'];

function problemOf(type: string): IdentityProblem {
  switch (type) {
    case 'non_empty':
      return 'required';
    case 'max_length':
      return 'too-long';
    case 'regex':
      return 'rpps';
    default:
      // `check` (hidden characters); anything else the schema may grow is refused the same way.
      return 'hidden-characters';
  }
}

/** Trims each field (an empty RPPS means "not given") and validates the result. */
export function checkIdentity(draft: IdentityDraft): IdentityCheck {
  const rpps = draft.rpps.replace(/\s+/g, '');
  const candidate = {
    name: draft.name.trim(),
    profession: draft.profession.trim(),
    ...(rpps ? { rpps } : {}),
  };
  const result = v.safeParse(ProfessionalIdentitySchema, candidate);
  if (result.success) return { ok: true, identity: result.output };
  const problems: Partial<Record<IdentityField, IdentityProblem>> = {};
  for (const issue of result.issues) {
    const key = issue.path?.[0]?.key;
    const field = FIELDS.find((name) => name === key);
    if (field && !problems[field]) problems[field] = problemOf(issue.type);
  }
  return { ok: false, problems };
}
