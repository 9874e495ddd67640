import { startDevServer } from './dev-server.js';
import { parseDevServerArgs, USAGE } from './dev-server-options.js';

/** The `sipkit-dev-server` command: runs until interrupted. */
export async function main(args: readonly string[]): Promise<void> {
  const options = parseDevServerArgs(args);
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const server = await startDevServer(options, (line) =>
    console.log(`${new Date().toISOString().slice(11, 23)} ${line}`),
  );
  const users = Object.keys(options.users);
  console.log(`SipKit dev SIP server on ${server.url} (development only)`);
  console.log(
    users.length > 0
      ? `digest auth for: ${users.join(', ')}`
      : 'no authentication: any user may register',
  );
  const mailboxes = Object.entries(options.messageWaiting ?? {});
  console.log(
    `presence, busy lamps (dialog) and message-summary served here; voicemail: ${mailboxes.length > 0 ? mailboxes.map(([user, c]) => `${user} ${c.new}/${c.old}`).join(', ') : 'none'} (--mwi)`,
  );
  const origins = options.allowOrigins ?? [];
  console.log(
    `web pages allowed to connect: 127.0.0.1, localhost, [::1]${origins.length > 0 ? `, ${origins.join(', ')}` : ''} (--allow-origin)`,
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
