// Email notifications over SMTP (nodemailer): plain-text UTF-8 messages, one connection per message, short
// timeouts so an unreachable server fails the attempt (the outbox retries later) instead of holding the worker.
import nodemailer from 'nodemailer';
import type { NotifyAdapter, OutboxMessage } from './adapter.ts';

export interface SmtpOptions {
  /** `smtp://host:port` (STARTTLS when offered), `smtps://user:pass@host:465` (TLS); nodemailer URL options apply. */
  url: string;
  /** Sender, e.g. `Lắng Nghe <no-reply@langnghe.local>`. */
  from: string;
  /** Connect, greeting and DNS timeout (ms); the socket's idle timeout is three times longer. Default 10 s. */
  timeoutMs?: number;
}

export function smtpAdapter(opts: SmtpOptions): NotifyAdapter {
  const timeout = opts.timeoutMs ?? 10_000;
  const transport = nodemailer.createTransport({
    url: opts.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    dnsTimeout: timeout,
    socketTimeout: timeout * 3,
  });
  const domain = /@([^>\s]+)>?\s*$/.exec(opts.from)?.[1] ?? 'langnghe.local';
  return {
    name: 'email',
    async send(msg: OutboxMessage) {
      await transport.sendMail({
        from: opts.from,
        to: msg.recipient,
        subject: msg.subject,
        text: msg.body,
        textEncoding: 'base64',
        // The same Message-ID on every attempt of one outbox row: a resend after a lost acknowledgement can be
        // recognised as the same message by mail servers and clients.
        messageId: `<outbox-${msg.id}@${domain}>`,
        headers: { 'X-LangNghe-Outbox-Id': String(msg.id) },
      });
    },
  };
}
