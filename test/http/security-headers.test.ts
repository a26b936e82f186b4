import { expect, it } from 'vitest';
import { forEachEngine } from '../helpers/harness.ts';

forEachEngine('security headers', 'empty', (h) => {
  it('sends helmet\'s headers with our content security policy on the form\'s script, API answers and errors alike', async () => {
    for (const [url, status] of [['/s/assets/form.js', 200], ['/healthz', 200], ['/api/auth/me', 401], ['/khong-co-trang-nay', 404]] as const) {
      const res = await h.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-security-policy'], url).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("img-src 'self' data:");
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+; includeSubDomains$/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});
