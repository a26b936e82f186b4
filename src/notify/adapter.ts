// How a notification leaves the system: one adapter per channel, each sending one outbox message or throwing.
// The outbox (outbox.ts) decides when to send and what to do on failure; adapters only deliver.
import type { Config } from '../config.ts';
import { smtpAdapter } from './smtp.ts';
import { webhookAdapter } from './webhook.ts';

export type AdapterName = 'email' | 'webhook';

/** One row of `notification_outbox`, as handed to an adapter. */
export interface OutboxMessage {
  id: number;
  itemId: number | null;
  recipient: string;
  subject: string;
  body: string;
}

export interface NotifyAdapter {
  readonly name: AdapterName;
  /** Delivers the message; resolves once the server/gateway has accepted it, throws (with the reason) otherwise. */
  send(msg: OutboxMessage): Promise<void>;
}

export type NotifyConfig = Pick<Config, 'smtpUrl' | 'mailFrom' | 'webhookUrl' | 'webhookSecret'>;

/**
 * The adapters the configuration asks for: `email` when smtpUrl is set, `webhook` when webhookUrl is set (it then
 * needs webhookSecret: an unsigned request would let anyone who can reach the gateway send messages as us).
 */
export function adaptersFromConfig(config: NotifyConfig): Map<AdapterName, NotifyAdapter> {
  const adapters = new Map<AdapterName, NotifyAdapter>();
  if (config.smtpUrl) adapters.set('email', smtpAdapter({ url: config.smtpUrl, from: config.mailFrom }));
  if (config.webhookUrl) {
    if (!config.webhookSecret) throw new Error('LANGNGHE_NOTIFY_WEBHOOK_URL is set but LANGNGHE_NOTIFY_WEBHOOK_SECRET is not: webhook notifications must be signed');
    adapters.set('webhook', webhookAdapter({ url: config.webhookUrl, secret: config.webhookSecret }));
  }
  return adapters;
}
