#!/usr/bin/env node
// The CLI entry: everything it does lives in src/cli.ts (built to dist/cli.js).
import { main } from '../dist/cli.js';

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
