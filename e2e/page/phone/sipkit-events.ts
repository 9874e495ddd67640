// Subscriptions on the phone page over our core: `subscriptions(ua)` (JsSIP's ua.subscribe /
// ua.notify shape), `newSubscribe` on the UA.
import { subscriptions, type Notifier, type Subscriber, type UA } from '@sipkit/core';
import {
  FINAL_BODY,
  SubscriptionBook,
  type PhoneEvents,
  type SubscriptionRecord,
} from './events.js';

export function sipkitEvents(ua: UA, records: SubscriptionRecord[]): PhoneEvents {
  const book = new SubscriptionBook<Subscriber, Notifier>(records);
  const events = subscriptions(ua);
  const served = new Map<string, { contentType: string; body: string }>();
  // The test changes the state through `notify`: later refreshes NOTIFY the latest body.
  const notifiedBodies = new WeakMap<Notifier, (body: string) => void>();

  ua.on('newSubscribe', ({ event, request }) => {
    const serving = served.get(event.type);
    if (serving === undefined) return; // not ours: answered 489 Bad Event
    const notifier = events.notify(request, serving.contentType, { pending: false });
    const record = book.addNotifier(event.type, notifier);
    let body = serving.body;
    notifier.on('subscribe', ({ isUnsubscribe, body: requestBody, contentType }) => {
      book.note(record, 'subscribe', { isUnsubscribe, body: requestBody, contentType });
      // JsSIP's notifier leaves the final NOTIFY of an unsubscribe to the app (ours sends one
      // itself when the app does not): the same app code for both.
      if (isUnsubscribe) notifier.terminate(FINAL_BODY);
      else notifier.notify(body);
    });
    notifier.on('terminated', ({ code }) => book.note(record, 'terminated', { code }));
    notifiedBodies.set(notifier, (next) => (body = next));
    notifier.start();
  });

  return {
    subscribe(target, eventName, accept, expires) {
      const subscriber = events.subscribe(target, eventName, accept, { expires });
      const record = book.addSubscriber(eventName, subscriber);
      for (const name of ['pending', 'active'] as const) {
        subscriber.on(name, () => book.note(record, name));
      }
      subscriber.on('accepted', () => book.note(record, 'accepted'));
      subscriber.on('notify', ({ isFinal, body, contentType }) =>
        book.note(record, 'notify', { isFinal, body, contentType }),
      );
      subscriber.on('terminated', ({ code, reason, retryAfter }) =>
        book.note(record, 'terminated', { code, reason, retryAfter }),
      );
      subscriber.subscribe();
      return record.id;
    },
    unsubscribe: (id) => book.subscriber(id).terminate(),
    serve(eventName, contentType, body) {
      served.set(eventName.toLowerCase(), { contentType, body });
    },
    notify(id, body) {
      const notifier = book.notifier(id);
      notifiedBodies.get(notifier)?.(body);
      notifier.notify(body);
    },
    terminate: (id, body, reason) => book.notifier(id).terminate(body, reason),
  };
}
