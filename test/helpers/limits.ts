// A public route's limit per client (src/http/routes/public/rate-window.ts), seen from outside.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

/**
 * GETs url `max` times from one address (each answered `status`), then once more: a 429 page whose Retry-After is
 * what is left of the ten minutes' window. Another address still gets through.
 */
export async function expectTenMinuteLimit(app: FastifyInstance, url: string, max: number, status: number, ip: string, otherIp: string) {
  const get = (remoteAddress: string) => app.inject({ method: 'GET', url, remoteAddress });
  for (let i = 0; i < max; i++) expect((await get(ip)).statusCode).toBe(status);
  const blocked = await get(ip);
  expect(blocked.statusCode).toBe(429);
  expect(blocked.body).toContain('Quá nhiều yêu cầu');
  expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(500);
  expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(600);
  expect((await get(otherIp)).statusCode).toBe(status);
}
