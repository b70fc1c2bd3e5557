import { router } from '../state/router.svelte';

/**
 * Put on a page's <h1>: after a navigation inside the app, focus lands on the new page's heading,
 * so a screen reader announces it and the keyboard starts from the top, as on a real page load.
 * Not on the first page: there the browser's own start position is right.
 */
export function focusOnArrival(heading: HTMLElement): void {
  if (router.hasNavigated) heading.focus();
}
