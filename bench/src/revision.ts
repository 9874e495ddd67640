import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: 'pipe' }).trim();
}

/**
 * Which code was measured: the commit, and whether the packages had uncommitted changes (the
 * build then contains code no commit has), so a number in BENCHMARKS.md can be traced back.
 */
export function describeRevision(): string {
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--', 'packages') !== '';
    return dirty ? `commit ${commit} plus uncommitted changes in packages/` : `commit ${commit}`;
  } catch {
    // Not a git checkout (e.g. an unpacked tarball): the rest of the report still stands.
    return 'an unknown revision';
  }
}
