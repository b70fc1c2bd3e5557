/**
 * Hands decrypted bytes to the browser as a download under the file's original name. The object
 * URL is revoked once the browser has had time to start reading it: revoking it at once breaks
 * the download in some browsers, and it holds the whole file in memory until revoked.
 */
const KEEP_URL_MS = 40_000;

export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), KEEP_URL_MS);
}
