import type { Page } from 'playwright-core';

/**
 * Collects a page's uncaught errors and console errors into `errors` (prefixed with `label` when
 * given, to tell two pages apart), so a test can assert that the page stayed clean.
 *
 * @example const errors: string[] = []; collectPageErrors(page, errors, 'alice');
 */
export function collectPageErrors(page: Page, errors: string[], label?: string): void {
  const tag = label === undefined ? '' : `${label}: `;
  page.on('pageerror', (error) => errors.push(`${tag}${String(error)}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${tag}${message.text()}`);
  });
}
