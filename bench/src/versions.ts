import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The installed version of a dependency, from its package.json, or '?' if unreadable. */
export function installedVersion(packageName: string): string {
  try {
    const json: unknown = JSON.parse(
      readFileSync(require.resolve(`${packageName}/package.json`), 'utf8'),
    );
    if (typeof json === 'object' && json !== null && 'version' in json) {
      return typeof json.version === 'string' ? json.version : '?';
    }
  } catch {
    // Fall through: a missing version is cosmetic and must not stop the benchmark.
  }
  return '?';
}
