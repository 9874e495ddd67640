import {
  buildDialogInfo,
  buildMessageSummary,
  buildPresence,
  DIALOG_INFO_CONTENT_TYPE,
  MESSAGE_SUMMARY_CONTENT_TYPE,
  PIDF_CONTENT_TYPE,
  subscriptions,
  UserAgent,
} from '@sipkit/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useStage } from './stage-context.js';

/** A colleague on the story's network who serves their presence, busy lamp and mailbox. */
export interface PresencePeer {
  readonly user: string;
  /** Their presence (RFC 3863/4480): open or closed, activities, note. */
  readonly presence?: {
    readonly open: boolean;
    readonly activities?: readonly string[];
    readonly note?: string;
  };
  /** Their busy lamp; a ringing lamp names `caller` (RFC 4235 `<remote>`). */
  readonly lamp?: 'idle' | 'ringing' | 'busy';
  readonly caller?: string;
  /**
   * The ringing dialog's Call-ID and tags (`local` = this peer's, `remote` = the caller's), as a
   * server that allows pickup by Replaces reports them (RFC 4235).
   */
  readonly dialogIds?: { readonly callId: string; readonly local: string; readonly remote: string };
  /** Make them a voicemail server: the message-summary they notify (RFC 3842). */
  readonly mailbox?: { readonly new: number; readonly old: number };
}

/**
 * Starts one UA per peer on the story's in-memory network, each a notifier for `presence`,
 * `dialog` and `message-summary` with fixed state, and shows `children` once they are all
 * registered (a SUBSCRIBE sent before would find nobody: 480).
 */
export function PresencePeers({
  peers,
  children,
}: {
  readonly peers: readonly PresencePeer[];
  readonly children: ReactNode;
}): ReactNode {
  const stage = useStage();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const uas = peers.map((peer) => servePeer(stage.network, peer));
    let registered = 0;
    for (const ua of uas) {
      ua.once('registered', () => {
        registered += 1;
        if (registered === uas.length) setReady(true);
      });
      ua.start();
    }
    return () => {
      for (const ua of uas) ua.stop();
    };
  }, [peers, stage]);
  return ready ? children : null;
}

function servePeer(network: ReturnType<typeof useStage>['network'], peer: PresencePeer) {
  const entity = `sip:${peer.user}@sip.test`;
  const ua = new UserAgent({ uri: entity, sockets: network.createSocket(`${peer.user}-peer`) });
  const bodies: Record<string, readonly [string, string]> = {
    presence: [PIDF_CONTENT_TYPE, buildPresence({ entity, open: true, ...(peer.presence ?? {}) })],
    dialog: [DIALOG_INFO_CONTENT_TYPE, dialogBody(entity, peer)],
    'message-summary': [
      MESSAGE_SUMMARY_CONTENT_TYPE,
      buildMessageSummary({
        waiting: (peer.mailbox?.new ?? 0) > 0,
        voice: { new: peer.mailbox?.new ?? 0, old: peer.mailbox?.old ?? 0 },
      }),
    ],
  };
  const events = subscriptions(ua);
  ua.on('newSubscribe', ({ event, request }) => {
    const body = bodies[event.type];
    if (body === undefined) return; // 489 Bad Event
    const notifier = events.notify(request, body[0]);
    notifier.start();
    notifier.notify(body[1]);
  });
  return ua;
}

function dialogBody(entity: string, peer: PresencePeer): string {
  const lamp = peer.lamp ?? 'idle';
  if (lamp === 'idle') return buildDialogInfo({ entity, version: 0, dialogs: [] });
  return buildDialogInfo({
    entity,
    version: 0,
    dialogs: [
      {
        id: 'd1',
        ...(peer.dialogIds === undefined
          ? {}
          : {
              callId: peer.dialogIds.callId,
              localTag: peer.dialogIds.local,
              remoteTag: peer.dialogIds.remote,
            }),
        state: lamp === 'busy' ? 'confirmed' : 'early',
        direction: 'recipient',
        remote: {
          identity: 'sip:caller@sip.test',
          displayName: peer.caller,
          target: undefined,
        },
      },
    ],
  });
}
