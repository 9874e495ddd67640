// tsc only emits JavaScript: the stylesheet ships beside it as `@sipkit/ui/styles.css`.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(join(root, 'dist'), { recursive: true });
copyFileSync(join(root, 'src/styles.css'), join(root, 'dist/styles.css'));
