/**
 * Appointment reminders while Carnet is open and the record unlocked: shown in the app, and as
 * system notifications when the patient allowed them. Nothing runs when the app is closed:
 * Carnet has no server to push from, and a service worker is not woken on a schedule.
 *
 * Dismissed reminders are remembered in memory only, by key (the entry's random id and the
 * reminder's time), until the page is closed. Writing them into the record would sync a passing
 * click to every device and into the history; writing them to localStorage would leave, in
 * clear, a trace that an appointment exists and when. After a reload a still-due reminder shows
 * again, which errs on the side of reminding.
 */
import { upcomingAppointments } from '../../lib/record';
import { dueReminders, REMINDER_GRACE_MS, type DueReminder } from '../agenda/reminders';
import { notificationText } from '../agenda/reminder-text';
import { i18n, t } from '../i18n/i18n.svelte';
import { recordHref } from './routes';
import { session } from './session.svelte';

/** Reminders are checked once a minute: they are about appointments, not seconds. */
const CHECK_EVERY_MS = 60_000;

export type NotificationState = NotificationPermission | 'unsupported';

function notificationState(): NotificationState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

class Reminders {
  /** The time reminders are computed for; moved on by the timer while watching. */
  #now = $state(Date.now());
  #dismissed = $state<ReadonlySet<string>>(new Set());
  #notified = new Set<string>();
  permission = $state<NotificationState>(notificationState());

  /** The reminders due now and not dismissed; none while the record is locked. */
  readonly due: DueReminder[] = $derived.by(() => {
    if (!session.isOpen) return [];
    const now = this.#now;
    const appointments = session.read((doc) => upcomingAppointments(doc, now - REMINDER_GRACE_MS));
    return dueReminders(appointments, now).filter((reminder) => !this.#dismissed.has(reminder.key));
  });

  get now(): number {
    return this.#now;
  }

  /**
   * Follows the clock while the record is open: call when it opens, and call the returned
   * function when it locks. The record's own changes re-evaluate `due` without waiting.
   */
  watch(): () => void {
    const tick = () => {
      this.#now = Date.now();
    };
    tick();
    const timer = setInterval(tick, CHECK_EVERY_MS);
    // A phone that slept or a background tab whose timers were throttled catches up on return.
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }

  dismiss(key: string): void {
    this.#dismissed = new Set([...this.#dismissed, key]);
  }

  /** Sends the system notification of a due reminder, once per page, if allowed. */
  notify(reminder: DueReminder): void {
    if (this.#notified.has(reminder.key)) return;
    const permission = notificationState();
    this.permission = permission;
    if (permission !== 'granted') return;
    this.#notified.add(reminder.key);
    const { title, body } = notificationText(reminder.start, this.#now, i18n.locale, t);
    const options: NotificationOptions = {
      body,
      lang: i18n.locale,
      // One notification per appointment: shown again, it replaces the earlier one.
      tag: `carnet-reminder-${reminder.appointment.id}`,
      icon: 'icons/icon-192.png',
    };
    try {
      const notification = new Notification(title, options);
      notification.onclick = () => {
        window.focus();
        location.hash = recordHref({ section: 'agenda' });
        notification.close();
      };
    } catch {
      // Chrome on Android only shows notifications through the service worker.
      void navigator.serviceWorker
        ?.getRegistration()
        .then((registration) => registration?.showNotification(title, options))
        .catch(() => undefined);
    }
  }

  /** Asks the browser for permission; only ever from the patient's own click. */
  async requestPermission(): Promise<void> {
    if (typeof Notification === 'undefined') {
      this.permission = 'unsupported';
      return;
    }
    try {
      this.permission = await Notification.requestPermission();
    } catch {
      this.permission = notificationState();
    }
  }

  /** Reads the permission again (it may have been changed in the browser's settings). */
  refreshPermission(): void {
    this.permission = notificationState();
  }
}

export const reminders = new Reminders();
