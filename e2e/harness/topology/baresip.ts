import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { startProcess, type ManagedProcess } from '../managed-process.js';
import type { ProcessRegistry } from '../process-registry.js';
import { waitUntil } from '../wait.js';
import { DEPLOY, PORTS, RECIPE_DOMAIN } from './deploy.js';
import { tcpOpen } from './probes.js';

/** One event baresip reported over ctrl_tcp (`{"event":true,"type":...}`), with when it came. */
export interface BaresipEvent {
  readonly type: string;
  readonly param: string;
  readonly peeruri: string;
  readonly at: number;
}

/** baresip's one account, and what it does for presence. */
export interface BaresipAccount {
  readonly user: string;
  readonly password: string;
  /** PUBLISH its presence every so many seconds (the account's `pubint`); none when absent. */
  readonly publishInterval?: number;
  /** Contacts it SUBSCRIBEs to for presence (`;presence=p2p` in its contacts file). */
  readonly watch?: ReadonlyArray<{ readonly name: string; readonly uri: string }>;
}

/**
 * A plain SIP phone: baresip with deploy/baresip/config (copied as it is into its directory)
 * and one account registered over UDP through Kamailio, driven over ctrl_tcp (netstring-framed
 * JSON, menu.so's commands).
 */
export class Baresip {
  readonly user: string;
  readonly dir: string;
  readonly events: BaresipEvent[] = [];
  readonly #process: ManagedProcess;
  readonly #control: Socket;
  readonly #replies = new Map<string, (reply: Record<string, unknown>) => void>();
  #buffer = Buffer.alloc(0);
  #token = 0;

  private constructor(user: string, dir: string, process: ManagedProcess, control: Socket) {
    this.user = user;
    this.dir = dir;
    this.#process = process;
    this.#control = control;
    control.on('data', (data) => this.#receive(data));
  }

  static async start(
    dir: string,
    registry: ProcessRegistry,
    account: BaresipAccount,
  ): Promise<Baresip> {
    mkdirSync(dir, { recursive: true });
    copyFileSync(DEPLOY.baresip, join(dir, 'config'));
    const pubint =
      account.publishInterval === undefined ? '' : `;pubint=${account.publishInterval}`;
    writeFileSync(
      join(dir, 'accounts'),
      `<sip:${account.user}@${RECIPE_DOMAIN};transport=udp>;auth_pass=${account.password};` +
        `outbound="sip:127.0.0.1:${PORTS.kamailioUdp};transport=udp";answermode=auto;regint=600` +
        `${pubint}\n`,
    );
    // Written even when empty: without the file, contact.so writes a template whose contacts
    // are on the Internet.
    writeFileSync(
      join(dir, 'contacts'),
      (account.watch ?? []).map(({ name, uri }) => `"${name}" <${uri}>;presence=p2p\n`).join(''),
    );
    const child = startProcess({
      command: 'baresip',
      args: ['-f', dir, ...(process.env['SIPKIT_BARESIP_TRACE'] === '1' ? ['-s'] : [])],
      logFile: join(dir, 'baresip.log'),
      registry,
    });
    await waitUntil('baresip ctrl_tcp', () =>
      tcpOpen(PORTS.baresipCtrl).then((o) => o || undefined),
    );
    const control = connect(PORTS.baresipCtrl, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      control.once('connect', resolve);
      control.once('error', reject);
    });
    const baresip = new Baresip(account.user, dir, child, control);
    await waitUntil('baresip to register', () =>
      baresip.log().includes('200 OK') ? true : undefined,
    );
    return baresip;
  }

  get aor(): string {
    return `sip:${this.user}@${RECIPE_DOMAIN}`;
  }

  /** Runs a menu command (`dial`, `hangup`, `hold`, `resume`, `sndcode`, ...). */
  async command(command: string, params = ''): Promise<string> {
    const token = String(++this.#token);
    const json = JSON.stringify({ command, params, token });
    const reply = new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`baresip: no reply to ${command}`)), 3000);
      this.#replies.set(token, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
    this.#control.write(`${Buffer.byteLength(json)}:${json},`);
    const value = await reply;
    if (value['ok'] !== true) throw new Error(`baresip ${command}: ${JSON.stringify(value)}`);
    return String(value['data'] ?? '');
  }

  /** The first event of `type` after the `after`-th one. */
  async event(type: string, after = 0, timeoutMs = 10_000): Promise<BaresipEvent> {
    return waitUntil(
      `baresip ${type} (events so far: ${this.events.map((e) => e.type).join(' ')})`,
      () => this.events.slice(after).find((e) => e.type === type),
      timeoutMs,
      20,
    );
  }

  /** Everything baresip printed (its rtp_stats come here when a call ends). */
  log(): string {
    try {
      return readFileSync(join(this.dir, 'baresip.log'), 'utf8');
    } catch {
      return '';
    }
  }

  async stop(): Promise<void> {
    writeFileSync(join(this.dir, 'events.json'), JSON.stringify(this.events, null, 1));
    this.#control.destroy();
    await this.#process.stop();
  }

  #receive(data: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, data]);
    for (;;) {
      const colon = this.#buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.#buffer.subarray(0, colon).toString());
      const end = colon + 1 + length;
      if (this.#buffer.length < end + 1) return;
      const message = JSON.parse(this.#buffer.subarray(colon + 1, end).toString()) as Record<
        string,
        unknown
      >;
      this.#buffer = this.#buffer.subarray(end + 1); // the netstring's trailing comma
      if (message['response'] === true) {
        this.#replies.get(String(message['token']))?.(message);
      } else if (message['event'] === true) {
        this.events.push({
          type: String(message['type']),
          param: String(message['param'] ?? ''),
          peeruri: String(message['peeruri'] ?? ''),
          at: performance.now(),
        });
      }
    }
  }
}

/** baresip's rtp_stats of its last ended call: packets sent and received, and lost ones. */
export function lastRtpStats(log: string): { sent: number; received: number; lost: number } {
  // rtp_stats prints a table per ended call: "audio  Transmit:  Receive:", then rows such as
  // "packets:  1456  1441" and "lost:  0  0" (the columns are transmit and receive).
  const packets = [...log.matchAll(/^packets:\s+(\d+)\s+(\d+)/gm)].at(-1);
  const lost = [...log.matchAll(/^lost:\s+(-?\d+)\s+(-?\d+)/gm)].at(-1);
  return {
    sent: Number(packets?.[1] ?? 0),
    received: Number(packets?.[2] ?? 0),
    lost: Number(lost?.[2] ?? 0),
  };
}

/** How many calls baresip has printed rtp_stats for (one table per ended call). */
export function rtpStatsCount(log: string): number {
  return log.match(/Transmit:\s+Receive:/g)?.length ?? 0;
}
