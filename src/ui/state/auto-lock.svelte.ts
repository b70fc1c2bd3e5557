import { session } from './session.svelte';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'scroll'] as const;
const CHECK_EVERY_MS = 5_000;

/**
 * Locks the open record after `session.autoLockMinutes` without any activity (not while a share is
 * in progress: `session.holdOpen`). Time is compared
 * with the clock, not counted by one long timer, so a phone that slept or a throttled background
 * tab still locks on time when it wakes.
 */
export function startAutoLock(): () => void {
  let lastActivity = Date.now();
  const touch = () => {
    lastActivity = Date.now();
  };
  const check = () => {
    // Closed, or kept open by a share in progress: idle time starts counting afresh afterwards.
    if (!session.isOpen || session.heldOpen) {
      lastActivity = Date.now();
      return;
    }
    if (Date.now() - lastActivity >= session.autoLockMinutes * 60_000) {
      const locking = session.lock('inactivity');
      location.hash = '#/open';
      void locking;
    }
  };
  for (const name of ACTIVITY_EVENTS)
    addEventListener(name, touch, { passive: true, capture: true });
  document.addEventListener('visibilitychange', check);
  const timer = setInterval(check, CHECK_EVERY_MS);
  return () => {
    for (const name of ACTIVITY_EVENTS) removeEventListener(name, touch, { capture: true });
    document.removeEventListener('visibilitychange', check);
    clearInterval(timer);
  };
}
