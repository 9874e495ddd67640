// Subscriptions on the phone page over our core: `subscriptions(ua)` (JsSIP's ua.subscribe /
// ua.notify shape), `newSubscribe` on the UA.
import { subscriptions, type Notifier, type Subscriber, type UA } from '@sipkit/core';
import {
  FINAL_BODY,
  phoneEvents,
  SubscriptionBook,
  type PhoneEvents,
  type SubscriptionRecord,
} from './events.js';

export function sipkitEvents(ua: UA, records: SubscriptionRecord[]): PhoneEvents {
  const book = new SubscriptionBook<Subscriber, Notifier>(records);
  const events = subscriptions(ua);

  ua.on('newSubscribe', ({ event, request }) => {
    const serving = book.served(event.type);
    if (serving === undefined) return; // not ours: answered 489 Bad Event
    const notifier = events.notify(request, serving.contentType, { pending: false });
    const record = book.addNotifier(event.type, notifier, serving);
    notifier.on('subscribe', ({ isUnsubscribe, body: requestBody, contentType }) => {
      book.note(record, 'subscribe', { isUnsubscribe, body: requestBody, contentType });
      // JsSIP's notifier leaves the final NOTIFY of an unsubscribe to the app (ours sends one
      // itself when the app does not): the same app code for both.
      if (isUnsubscribe) notifier.terminate(FINAL_BODY);
      else notifier.notify(book.body(record));
    });
    notifier.on('terminated', ({ code }) => book.note(record, 'terminated', { code }));
    notifier.start();
  });

  return phoneEvents(book, (target, eventName, accept, expires) => {
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
  });
}
