import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startProcess, type ManagedProcess } from '../managed-process.js';
import type { ProcessRegistry } from '../process-registry.js';
import { waitUntil } from '../wait.js';
import { bdecode, bencode, type Bencoded } from './bencode.js';
import { DEPLOY, PORTS } from './deploy.js';

/** What rtpengine received on one leg (one side's tag) of a call. */
export interface RtpengineLeg {
  readonly tag: string;
  /** The leg's media protocol: `UDP/TLS/RTP/SAVPF` toward a browser, `RTP/AVP` toward a phone. */
  readonly protocol: string;
  /** Packets rtpengine received from this side (RTP, and RTCP where it is muxed). */
  readonly packets: number;
}

/** rtpengine from deploy/rtpengine/rtpengine.conf, and a client of its ng control protocol. */
export class Rtpengine {
  readonly #process: ManagedProcess;

  private constructor(process: ManagedProcess) {
    this.#process = process;
  }

  static async start(dir: string, registry: ProcessRegistry): Promise<Rtpengine> {
    const child = startProcess({
      command: 'rtpengine',
      args: [`--config-file=${DEPLOY.rtpengine}`, '--foreground', '--log-stderr'],
      logFile: join(dir, 'rtpengine.log'),
      registry,
    });
    const rtpengine = new Rtpengine(child);
    // Kamailio pings rtpengine once at start and disables it for a minute when nobody answers:
    // it must be up first.
    await waitUntil('rtpengine to answer ng pings', async () =>
      (await rtpengine.ng({ command: 'ping' }).catch(() => undefined))?.['result'] === 'pong'
        ? true
        : undefined,
    );
    return rtpengine;
  }

  /** One ng command (bencoded dictionary over UDP, RFC-less: rtpengine's own protocol). */
  async ng(command: { [key: string]: Bencoded }): Promise<{ [key: string]: Bencoded }> {
    const cookie = randomBytes(6).toString('hex');
    const socket = createSocket('udp4');
    try {
      const reply = await new Promise<Buffer>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('rtpengine: no ng reply')), 1000);
        socket.on('message', (message) => {
          if (!message.subarray(0, cookie.length).equals(Buffer.from(cookie))) return;
          clearTimeout(timer);
          resolve(message.subarray(cookie.length + 1));
        });
        socket.send(
          Buffer.concat([Buffer.from(`${cookie} `), bencode(command)]),
          PORTS.rtpengineNg,
          '127.0.0.1',
          (error) => error && reject(error),
        );
      });
      const decoded = bdecode(reply);
      if (typeof decoded !== 'object' || Array.isArray(decoded)) throw new Error('bad ng reply');
      return decoded;
    } finally {
      socket.close();
    }
  }

  /** The Call-IDs of the calls rtpengine holds now. */
  async calls(): Promise<string[]> {
    const reply = await this.ng({ command: 'list' });
    return Array.isArray(reply['calls']) ? reply['calls'].map(String) : [];
  }

  /** Per-leg receive counters of the call `callId` (ng `query`). */
  async legs(callId: string): Promise<RtpengineLeg[]> {
    const reply = await this.ng({ command: 'query', 'call-id': callId });
    if (reply['result'] !== 'ok') throw new Error(`rtpengine query: ${JSON.stringify(reply)}`);
    const tags = asDict(reply['tags']);
    return Object.entries(tags).map(([tag, value]) => {
      const medias = asList(asDict(value)['medias']);
      let packets = 0;
      let protocol = '';
      for (const media of medias.map(asDict)) {
        protocol = String(media['protocol'] ?? protocol);
        for (const stream of asList(media['streams']).map(asDict)) {
          packets += Number(asDict(stream['stats'])['packets'] ?? 0);
        }
      }
      return { tag, protocol, packets };
    });
  }

  stop(): Promise<void> {
    return this.#process.stop();
  }
}

function asDict(value: Bencoded | undefined): { [key: string]: Bencoded } {
  return typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function asList(value: Bencoded | undefined): Bencoded[] {
  return Array.isArray(value) ? value : [];
}
