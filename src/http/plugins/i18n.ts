// Each request gets a language: ?lang=, then the lang cookie, then Accept-Language; Vietnamese by default.
import type { FastifyInstance } from 'fastify';
import { DEFAULT_LANG, pickLang, type Lang } from '../../i18n/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
  }
}

export function installI18n(app: FastifyInstance) {
  app.decorateRequest('lang', DEFAULT_LANG);
  app.addHook('onRequest', async (req) => {
    const q = (req.query as Record<string, string | undefined> | undefined)?.lang;
    req.lang = pickLang(q ?? req.cookies?.lang, req.headers['accept-language']);
  });
}
