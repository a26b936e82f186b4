// The staff console's files: hashed assets are kept by the browser, the page is asked again on every load, and a
// screen's chunk that a new build removed answers 404 (the console then offers a reload) instead of the page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { forEachEngine } from '../helpers/harness.ts';

forEachEngine('console files', 'empty', (h) => {
  let app: FastifyInstance;
  let dist: string;
  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'ln-console-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Lắng Nghe</title><script type="module" src="/console/assets/index-AbC123.js"></script>');
    fs.writeFileSync(path.join(dist, 'assets', 'index-AbC123.js'), 'export const x = 1;');
    fs.writeFileSync(path.join(dist, 'assets', 'RegisterScreen-XyZ789.js'), 'export const RegisterScreen = 1;');
    app = await buildApp({ config: { trustProxy: false, logLevel: 'silent', webDist: dist }, services: h.ctx, logger: false });
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('keeps hashed assets for a year and never the page', async () => {
    const chunk = await app.inject({ method: 'GET', url: '/console/assets/RegisterScreen-XyZ789.js' });
    expect(chunk.statusCode).toBe(200);
    expect(chunk.headers['content-type']).toMatch(/javascript/);
    expect(chunk.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/console/', '/console/feedback/12']) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-type'], url).toMatch(/^text\/html/);
      expect(page.headers['cache-control'], url).toBe('no-cache');
      expect(page.body, url).toContain('index-AbC123.js');
    }
  });

  it('answers an unchanged page with 304 when asked again', async () => {
    const first = await app.inject({ method: 'GET', url: '/console/' });
    const again = await app.inject({ method: 'GET', url: '/console/', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('answers 404 for a chunk that is not there, not the page', async () => {
    const gone = await app.inject({ method: 'GET', url: '/console/assets/RegisterScreen-Old000.js' });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toMatch(/json/);
  });
});
