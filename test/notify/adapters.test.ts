// Notification adapters against real local servers: SMTP (smtp-server) and an HTTP gateway (node:http).
import http from 'node:http';
import net from 'node:net';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { smtpAdapter } from '../../src/notify/smtp.ts';
import { webhookAdapter } from '../../src/notify/webhook.ts';
import { adaptersFromConfig, type OutboxMessage } from '../../src/notify/adapter.ts';

const MSG: OutboxMessage = {
  id: 42,
  itemId: 7,
  recipient: 'nguyen.van.a@example.vn',
  subject: 'Phản ánh TH-2025-000123 đã được trả lời',
  body: 'Kính gửi ông Nguyễn Văn A,\nCông an xã Thiệu Hóa đã trả lời phản ánh của ông. Trân trọng cảm ơn!',
};

/** Enough MIME for one plain-text message: unfolded headers, RFC 2047 words, base64 / quoted-printable body. */
function parseMail(raw: string) {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const rawBody = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  const words = (v: string) => v
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) => enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : qp(text.replace(/_/g, ' ')));
  const qp = (s: string) => Buffer.from(s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))), 'latin1').toString('utf8');
  const cte = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const body = cte === 'base64' ? Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8') : cte === 'quoted-printable' ? qp(rawBody) : rawBody;
  return { header: (name: string) => words(headers.get(name) ?? ''), contentType: headers.get('content-type') ?? '', body: body.replace(/\r\n/g, '\n') };
}

describe('SMTP adapter', () => {
  const received: { from: string; to: string[]; raw: string }[] = [];
  let server: SMTPServer;
  let port: number;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, cb) {
        if (address.address.startsWith('khongton')) {
          const err = new Error('5.1.1 Hộp thư không tồn tại / no such mailbox') as Error & { responseCode: number };
          err.responseCode = 550;
          return cb(err);
        }
        cb();
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('delivers a plain-text UTF-8 Vietnamese message to the recipient', async () => {
    const adapter = smtpAdapter({ url: `smtp://127.0.0.1:${port}`, from: 'Lắng Nghe <no-reply@langnghe.local>' });
    expect(adapter.name).toBe('email');
    await adapter.send(MSG);
    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(got.from).toBe('no-reply@langnghe.local');
    expect(got.to).toEqual([MSG.recipient]);
    const mail = parseMail(got.raw);
    expect(mail.header('subject')).toBe(MSG.subject);
    expect(mail.header('to')).toBe(MSG.recipient);
    expect(mail.header('from')).toContain('Lắng Nghe');
    expect(mail.header('message-id')).toBe('<outbox-42@langnghe.local>');
    expect(mail.contentType).toMatch(/^text\/plain; charset=utf-8/i);
    expect(mail.body.trimEnd()).toBe(MSG.body);
  });

  it('throws when the server refuses the recipient', async () => {
    const adapter = smtpAdapter({ url: `smtp://127.0.0.1:${port}`, from: 'no-reply@langnghe.local' });
    const before = received.length;
    await expect(adapter.send({ ...MSG, recipient: 'khongton@example.vn' })).rejects.toThrow(/550|no such mailbox|recipient/i);
    expect(received).toHaveLength(before);
  });

  it('throws when nothing listens', async () => {
    const free = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const adapter = smtpAdapter({ url: `smtp://127.0.0.1:${free}`, from: 'no-reply@langnghe.local', timeoutMs: 2000 });
    await expect(adapter.send(MSG)).rejects.toThrow(/ECONNREFUSED|connect/i);
  });
});

describe('webhook adapter', () => {
  const SECRET = 'bí-mật-chung';
  type Hit = { headers: http.IncomingHttpHeaders; body: string; method: string };
  const hits: Hit[] = [];
  let reply: (res: http.ServerResponse) => void = (res) => res.writeHead(204).end();
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        hits.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), method: req.method ?? '' });
        reply(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/gateway`;
  });
  afterEach(() => {
    hits.length = 0;
    reply = (res) => res.writeHead(204).end();
  });
  afterAll(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));

  it('POSTs the message as JSON, signed with the shared secret, with an idempotency key', async () => {
    await webhookAdapter({ url, secret: SECRET }).send(MSG);
    expect(hits).toHaveLength(1);
    const hit = hits[0]!;
    expect(hit.method).toBe('POST');
    expect(hit.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(hit.body)).toEqual({ id: 42, recipient: MSG.recipient, subject: MSG.subject, body: MSG.body, itemId: 7 });
    const expected = `sha256=${createHmac('sha256', SECRET).update(Buffer.from(hit.body, 'utf8')).digest('hex')}`;
    expect(hit.headers['x-langnghe-signature']).toBe(expected);
    expect(hit.headers['idempotency-key']).toBe('outbox-42');
    // A different secret gives a different signature: the gateway can tell us from anyone else.
    expect(createHmac('sha256', 'other').update(hit.body).digest('hex')).not.toBe(expected.slice(7));
  });

  it('fails on a non-2xx answer, with the status in the error', async () => {
    reply = (res) => res.writeHead(503, { 'content-type': 'text/plain' }).end('bảo trì');
    await expect(webhookAdapter({ url, secret: SECRET }).send(MSG)).rejects.toThrow(/HTTP 503: bảo trì/);
    reply = (res) => res.writeHead(302, { location: 'http://127.0.0.1:1/' }).end();
    await expect(webhookAdapter({ url, secret: SECRET }).send(MSG)).rejects.toThrow();
  });

  it('fails when the gateway does not answer in time', async () => {
    reply = () => undefined; // never answers
    const started = Date.now();
    await expect(webhookAdapter({ url, secret: SECRET, timeoutMs: 300 }).send(MSG)).rejects.toThrow(/timed out after 300 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('adaptersFromConfig', () => {
  const base = { smtpUrl: null, mailFrom: 'Lắng Nghe <no-reply@langnghe.local>', webhookUrl: null, webhookSecret: null };
  it('builds only the configured adapters and refuses an unsigned webhook', () => {
    expect([...adaptersFromConfig(base).keys()]).toEqual([]);
    expect([...adaptersFromConfig({ ...base, smtpUrl: 'smtp://127.0.0.1:2525' }).keys()]).toEqual(['email']);
    const both = adaptersFromConfig({ ...base, smtpUrl: 'smtp://127.0.0.1:2525', webhookUrl: 'http://127.0.0.1:9/x', webhookSecret: 's' });
    expect([...both.keys()].sort()).toEqual(['email', 'webhook']);
    expect(() => adaptersFromConfig({ ...base, webhookUrl: 'http://127.0.0.1:9/x' })).toThrow(/SECRET/);
  });
});
