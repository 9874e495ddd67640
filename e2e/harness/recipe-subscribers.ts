import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEPLOY } from './topology/deploy.js';

/**
 * The db_text database deploy/kamailio/kamailio.cfg reads with `-A WITH_AUTH` (DBURL), written
 * into `dir`: the recipe's tables (deploy/kamailio/dbtext) with these users appended to
 * `subscriber`, each stored as HA1 = MD5(user:realm:password) (RFC 2617 §3.2.2.2), never the
 * password. The realm is the From domain the clients use (auth_check("$fd", ...)).
 *
 * @example
 * const db = writeSubscribers(dir, 'sipkit.test', { alice: 'secret' });
 * // -A WITH_AUTH -A `DBURL="text://${db}"`
 */
export function writeSubscribers(
  dir: string,
  realm: string,
  users: Readonly<Record<string, string>>,
): string {
  const db = join(dir, 'dbtext');
  mkdirSync(db, { recursive: true });
  copyFileSync(join(DEPLOY.dbtext, 'version'), join(db, 'version'));
  const rows = Object.entries(users).map(([user, password], index) => {
    const ha1 = createHash('md5').update(`${user}:${realm}:${password}`).digest('hex');
    return `${index + 1}:${user}:${realm}::${ha1}:\n`;
  });
  writeFileSync(
    join(db, 'subscriber'),
    readFileSync(join(DEPLOY.dbtext, 'subscriber'), 'utf8') + rows.join(''),
  );
  return db;
}
