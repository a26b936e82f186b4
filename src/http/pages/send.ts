// Sending a server-rendered page: HTML, gzip-compressed when the browser accepts it (pages are small; this costs
// well under a millisecond), not stored by caches unless the caller says it may be.
import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface SendOptions {
  /** Cache-Control; pages about one person or one form stay 'no-store'. */
  cache?: string;
  /** Extra Vary beyond accept-encoding. */
  vary?: string;
  /** Pages reached by a secret (a tracking code) do not leak it in the Referer. */
  noReferrer?: boolean;
}

export function sendHtml(req: FastifyRequest, reply: FastifyReply, status: number, body: string, o: SendOptions = {}) {
  void reply.status(status).type('text/html; charset=utf-8').header('cache-control', o.cache ?? 'no-store')
    .header('vary', o.vary ? `accept-encoding, ${o.vary}` : 'accept-encoding');
  if (o.noReferrer) void reply.header('referrer-policy', 'no-referrer');
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(zlib.gzipSync(body));
  return reply.send(body);
}
