import { router } from './router.svelte';

/**
 * A short message that outlives one navigation ("… was moved to the bin", shown on the list the
 * user is sent back to), with an optional action (undo). It goes at the navigation after that.
 */
export type Notice = { message: string; action?: { label: string; run: () => void } };

class Notices {
  #notice = $state<Notice | null>(null);
  #shownAt = 0;

  get current(): Notice | null {
    // Read both every time, so that whatever shows the notice follows either changing.
    const notice = this.#notice;
    return router.navigations <= this.#shownAt + 1 ? notice : null;
  }

  show(notice: Notice): void {
    this.#notice = notice;
    this.#shownAt = router.navigations;
  }

  clear(): void {
    this.#notice = null;
  }
}

export const notices = new Notices();
