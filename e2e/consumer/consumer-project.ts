import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository this test packs (two levels up from here). */
export const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));

/** The six packages a user installs, by their folder under packages/. */
export const PUBLISHED = ['core', 'react', 'ui', 'testing', 'dev-server', 'jssip'] as const;

/**
 * Where the packed packages and the consumer apps live: a folder outside the workspace, given by
 * `run.sh` (SIPKIT_CONSUMER_DIR), so npm sees no pnpm workspace above the apps.
 */
export function consumerDir(): string {
  const dir = process.env.SIPKIT_CONSUMER_DIR;
  if (dir === undefined || dir === '') {
    throw new Error(
      'SIPKIT_CONSUMER_DIR is not set: run the consumer test through e2e/consumer/run.sh',
    );
  }
  if (dir.startsWith(REPOSITORY)) throw new Error(`${dir} is inside the repository ${REPOSITORY}`);
  return dir;
}

/** Runs a command to completion; throws with its output when it fails. */
export function run(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: consumerEnvironment(),
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) failed (${result.status ?? result.signal}):\n${output}`,
    );
  }
  return output;
}

/**
 * The environment of a user's shell: without the `npm_config_*` variables pnpm sets for the
 * scripts it runs (npm warns about the ones it does not know), without colours (outputs are
 * matched), and without npm's update check.
 */
function consumerEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith('npm_config_')) env[key] = value;
  }
  return { ...env, NO_COLOR: '1', FORCE_COLOR: '0', npm_config_update_notifier: 'false' };
}
