// Subscriptions on the phone page over JsSIP 3.13 (ua.subscribe, ua.notify, newSubscribe), as
// JsSIP's documentation shows them.
import type { UA } from 'jssip';
import type { Notifier } from 'jssip/lib/Notifier.js';
import type { Subscriber } from 'jssip/lib/Subscriber.js';
import {
  FINAL_BODY,
  phoneEvents,
  SubscriptionBook,
  type PhoneEvents,
  type SubscriptionRecord,
} from './events.js';

export function jssipEvents(ua: UA, records: SubscriptionRecord[]): PhoneEvents {
  const book = new SubscriptionBook<Subscriber, Notifier>(records);

  ua.on('newSubscribe', ({ event, request }) => {
    const name = String((event as { event?: string } | undefined)?.event ?? '').toLowerCase();
    const serving = book.served(name);
    if (serving === undefined) return;
    const notifier = ua.notify(request, serving.contentType, { pending: false });
    const record = book.addNotifier(name, notifier, serving);
    notifier.on('subscribe', (isUnsubscribe, _request, requestBody, contentType) => {
      book.note(record, 'subscribe', { isUnsubscribe, body: requestBody, contentType });
      // JsSIP's notifier leaves the final NOTIFY of an unsubscribe to the app (ours sends one
      // itself when the app does not): the same app code for both.
      if (isUnsubscribe) notifier.terminate(FINAL_BODY);
      else notifier.notify(book.body(record));
    });
    notifier.on('terminated', (code) => book.note(record, 'terminated', { code }));
    notifier.start();
  });

  return phoneEvents(book, (target, eventName, accept, expires) => {
    const subscriber = ua.subscribe(target, eventName, accept, { expires, contentType: accept });
    const record = book.addSubscriber(eventName, subscriber);
    for (const name of ['pending', 'accepted', 'active'] as const) {
      subscriber.on(name, () => book.note(record, name));
    }
    subscriber.on('notify', (isFinal, _request, body, contentType) =>
      book.note(record, 'notify', { isFinal, body: body ?? undefined, contentType }),
    );
    subscriber.on('terminated', (code, reason, retryAfter) =>
      book.note(record, 'terminated', { code, reason, retryAfter }),
    );
    subscriber.subscribe();
    return record.id;
  });
}
