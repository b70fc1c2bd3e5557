/**
 * What the receive page says at each step of a request: one title and explanation per way of
 * reaching the patient's device, per reason a session ends, and per deposit outcome. lib/share
 * says what happened in codes; the words are the UI's.
 */
import type { DepositOutcome, GuestLinkState } from '../../lib/share';
import type { MessageKey } from '../i18n/messages';
import type { ReceptionEnd } from './reception.svelte';

export type StepKeys = { title: MessageKey; body: MessageKey };

/** Before the data channel opens (peer.ts), and while keys are agreed (`handshake`). */
export const PROGRESS_STEPS = {
  'signaling-connecting': {
    title: 'receive.status.signaling-connecting.title',
    body: 'receive.status.signaling-connecting.body',
  },
  'signaling-unreachable': {
    title: 'receive.status.signaling-unreachable.title',
    body: 'receive.status.signaling-unreachable.body',
  },
  'waiting-for-patient': {
    title: 'receive.status.waiting-for-patient.title',
    body: 'receive.status.waiting-for-patient.body',
  },
  'patient-silent': {
    title: 'receive.status.patient-silent.title',
    body: 'receive.status.patient-silent.body',
  },
  connecting: {
    title: 'receive.status.connecting.title',
    body: 'receive.status.connecting.body',
  },
  handshake: {
    title: 'receive.status.handshake.title',
    body: 'receive.status.handshake.body',
  },
} as const satisfies Record<GuestLinkState | 'handshake', StepKeys>;

export const END_REASONS = {
  refused: { title: 'receive.ended.refused.title', body: 'receive.ended.refused.body' },
  'already-used': {
    title: 'receive.ended.already-used.title',
    body: 'receive.ended.already-used.body',
  },
  expired: { title: 'receive.ended.expired.title', body: 'receive.ended.expired.body' },
  revoked: { title: 'receive.ended.revoked.title', body: 'receive.ended.revoked.body' },
  closed: { title: 'receive.ended.closed.title', body: 'receive.ended.closed.body' },
  'patient-gone': {
    title: 'receive.ended.patient-gone.title',
    body: 'receive.ended.patient-gone.body',
  },
  'protocol-error': {
    title: 'receive.ended.protocol-error.title',
    body: 'receive.ended.protocol-error.body',
  },
  left: { title: 'receive.ended.left.title', body: 'receive.ended.left.body' },
  'link-expired': {
    title: 'receive.ended.link-expired.title',
    body: 'receive.ended.link-expired.body',
  },
} as const satisfies Record<ReceptionEnd, StepKeys>;

/** `sending` takes a `{percent}`. */
export const DEPOSIT_OUTCOMES = {
  sending: 'receive.deposit.sending',
  waiting: 'receive.deposit.waiting',
  accepted: 'receive.deposit.accepted',
  declined: 'receive.deposit.declined',
  failed: 'receive.deposit.failed',
} as const satisfies Record<DepositOutcome, MessageKey>;
