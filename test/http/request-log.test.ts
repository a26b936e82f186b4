// The one log line per request names the route's pattern, never the address: tracking codes and survey card
// tokens in addresses open an item's status or a card's form to whoever holds them, and queries carry searches.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { DEMO } from '../../src/seed/demo.ts';
import { forEachEngine } from '../helpers/harness.ts';

forEachEngine('request log', 'demo', (h) => {
  const lines: string[] = [];
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({
      config: { trustProxy: false, logLevel: 'info', webDist: '/nonexistent' }, services: h.ctx,
      logStream: { write: (line: string) => { lines.push(line); } },
    });
  });
  afterAll(async () => { await app?.close(); });

  it('logs method, route pattern, status and time, with the request id once, and no code, token or query', async () => {
    const sent = await app.inject({
      method: 'POST', url: `/y/${DEMO.thieuHoaCommune}`, remoteAddress: '10.77.0.1',
      payload: { kind: 'request', content: 'Đề nghị sửa đèn đường ở thôn 5.' },
    });
    expect(sent.statusCode).toBe(201);
    const code = sent.json().trackingCode as string;
    const status = await app.inject({ method: 'GET', url: `/tra-cuu/${code}/status`, remoteAddress: '10.77.0.1' });
    expect(status.statusCode).toBe(200);
    const card = await app.inject({ method: 'GET', url: '/t/BIMATTHE12345678', remoteAddress: '10.77.0.1' });
    const search = await app.inject({ method: 'GET', url: '/y?q=nguyen%20van%20an', remoteAddress: '10.77.0.1' });
    const missing = await app.inject({ method: 'GET', url: `/khong-co/${code}`, remoteAddress: '10.77.0.1' });
    expect(missing.statusCode).toBe(404);

    const requests = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request');
    expect(requests.map((l) => [l.method, l.route, l.status])).toEqual([
      ['POST', '/y/:unitCode', 201],
      ['GET', '/tra-cuu/:code/status', 200],
      ['GET', '/t/:token', card.statusCode],
      ['GET', '/y', search.statusCode],
      ['GET', null, 404],
    ]);
    for (const l of requests) {
      expect(typeof l.reqId).toBe('string');
      expect(typeof l.ms).toBe('number');
    }
    const all = lines.join('\n');
    for (const secret of [code, code.replace('-', ''), 'BIMATTHE12345678', 'nguyen']) expect(all).not.toContain(secret);
    for (const l of lines.filter((x) => x.includes('"msg":"request"'))) expect(l.match(/"reqId"/g)).toHaveLength(1);
  });
});
