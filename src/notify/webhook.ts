// Notifications through an HTTP gateway (SMS, Zalo OA, ...): one signed JSON POST per message.
//   body:    {"id":…, "recipient":…, "subject":…, "body":…, "itemId":…}   (UTF-8 JSON)
//   headers: X-LangNghe-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes with the shared secret>
//            Idempotency-Key: outbox-<id>   (the same on every attempt: the gateway should drop repeats)
// Any 2xx is success; anything else, a network error or the timeout is a failure the outbox retries.
import { createHmac } from 'node:crypto';
import type { NotifyAdapter, OutboxMessage } from './adapter.ts';

export interface WebhookOptions {
  url: string;
  secret: string;
  /** Whole-request timeout (ms), default 10 s. */
  timeoutMs?: number;
}

export const SIGNATURE_HEADER = 'X-LangNghe-Signature';

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export function webhookAdapter(opts: WebhookOptions): NotifyAdapter {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return {
    name: 'webhook',
    async send(msg: OutboxMessage) {
      const body = JSON.stringify({ id: msg.id, recipient: msg.recipient, subject: msg.subject, body: msg.body, itemId: msg.itemId });
      let res: Response;
      try {
        res = await fetch(opts.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            [SIGNATURE_HEADER]: signBody(body, opts.secret),
            'Idempotency-Key': `outbox-${msg.id}`,
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
      } catch (err) {
        if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
          throw new Error(`webhook timed out after ${timeoutMs} ms`, { cause: err });
        }
        const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
        throw new Error(`webhook request failed: ${err instanceof Error ? err.message : String(err)}${cause}`, { cause: err });
      }
      // Read the answer either way so the connection can be reused; keep a little of it for the error.
      const text = await res.text().catch(() => '');
      if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
    },
  };
}
