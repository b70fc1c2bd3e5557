import { registerSW } from 'virtual:pwa-register';

/**
 * The service worker's news, for the update prompt: a new version waiting (the user chooses when
 * to reload, so an edit in progress is never lost to a surprise refresh) or the app now cached for
 * offline use.
 */
class AppUpdate {
  needRefresh = $state(false);
  offlineReady = $state(false);
  #updateServiceWorker: ((reload?: boolean) => Promise<void>) | undefined;

  start(): void {
    if (!('serviceWorker' in navigator)) return;
    this.#updateServiceWorker = registerSW({
      onNeedRefresh: () => {
        this.needRefresh = true;
      },
      onOfflineReady: () => {
        this.offlineReady = true;
      },
    });
  }

  async apply(): Promise<void> {
    await this.#updateServiceWorker?.(true);
  }

  dismiss(): void {
    this.needRefresh = false;
    this.offlineReady = false;
  }
}

export const appUpdate = new AppUpdate();
