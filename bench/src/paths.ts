import { fileURLToPath } from 'node:url';

/** The workspace root: module paths in reports are relative to it. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
