/**
 * Whether the browser promised to keep Carnet's data (navigator.storage.persist). Browsers may
 * otherwise evict a site's storage under pressure, and Safari after 7 days unused (DESIGN §8).
 */
class StorageStatus {
  persisted = $state<boolean | null>(null);

  async refresh(): Promise<void> {
    this.persisted = navigator.storage?.persisted ? await navigator.storage.persisted() : null;
  }

  async requestPersistence(): Promise<void> {
    if (!navigator.storage?.persist) return;
    this.persisted = await navigator.storage.persist();
  }
}

export const storage = new StorageStatus();
