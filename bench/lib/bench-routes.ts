// Baseline routes that exist only in the benchmark's server (never in src/): they go through the same
// Fastify instance, plugins and hooks as the product's routes, and do no work of their own.
import type { FastifyInstance } from 'fastify';
import { FORM_BODY_LIMIT } from '../../src/http/routes/public/survey.ts';

export function addBenchRoutes(app: FastifyInstance) {
  // hello-post: the public form's JSON body, parsed by the same content-type parser and body limit, answered at once.
  app.post('/bench/hello', { bodyLimit: FORM_BODY_LIMIT, config: { public: true } }, async (req, reply) => {
    const body = (req.body ?? {}) as { answers?: unknown; clientKey?: unknown };
    if (typeof body.answers !== 'object' || typeof body.clientKey !== 'string') return reply.status(400).send({ ok: false });
    return { ok: true };
  });

  // hello-feedback: the feedback form's JSON body, parsed the same way and answered at once (no validation, no write).
  app.post('/bench/hello-feedback', { bodyLimit: FORM_BODY_LIMIT, config: { public: true } }, async (req, reply) => {
    const body = (req.body ?? {}) as { content?: unknown };
    if (typeof body.content !== 'string') return reply.status(400).send({ ok: false });
    return { ok: true };
  });
}
