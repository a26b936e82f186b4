// Builds the Fastify app: external plugins, then ours (errors, language, auth), then routes.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import type { Config } from '../config.ts';
import type { AppServices } from '../commands/context.ts';
import { installSecurityHeaders } from './plugins/security-headers.ts';
import { installErrors } from './plugins/errors.ts';
import { XLSX_TYPE } from './content-types.ts';
import { installI18n } from './plugins/i18n.ts';
import { installAuth } from './plugins/auth.ts';
import { authRoutes } from './routes/auth/index.ts';
import { unitRoutes } from './routes/units/index.ts';
import { userRoutes } from './routes/users/index.ts';
import { auditRoutes } from './routes/audit/index.ts';
import { surveyRoutes } from './routes/surveys/index.ts';
import { paperRoutes, tokenRoutes } from './routes/surveys/paper.ts';
import { xlsformRoutes } from './routes/surveys/xlsform.ts';
import { exportRoutes } from './routes/surveys/export.ts';
import { importRoutes } from './routes/surveys/imports.ts';
import { publicSurveyRoutes } from './routes/public/survey.ts';
import { publicFeedbackRoutes } from './routes/public/feedback.ts';
import { dataRequestRoutes } from './routes/feedback/data-requests.ts';
import { feedbackRoutes } from './routes/feedback/index.ts';
import { partnerRoutes } from './routes/feedback/partners.ts';
import { feedbackImportRoutes } from './routes/feedback/import.ts';
import { open311Routes } from './routes/open311/index.ts';
import { feedbackConfigRoutes } from './routes/feedback/config.ts';
import { feedbackReportRoutes } from './routes/feedback/report.ts';
import { publicReportBackRoutes } from './routes/public/report-back.ts';
import { documentRoutes } from './routes/documents/index.ts';
import { workResultsRoutes } from './routes/work-results/index.ts';
import { conferenceRoutes } from './routes/conferences/index.ts';
import { conferenceDelegateRoutes } from './routes/conferences/delegates.ts';
import { conferenceOpinionRoutes } from './routes/conferences/opinions.ts';
import { conferenceOverviewRoutes } from './routes/conferences/overview.ts';
import { conferencePhotoRoutes } from './routes/conferences/photos.ts';
import { publicConferenceRoutes } from './routes/public/conference.ts';
import formbody from '@fastify/formbody';
import { healthRoutes, type Lifecycle } from './routes/health/index.ts';

export const BODY_LIMIT = 1024 * 1024;

export interface BuildOptions {
  config: Pick<Config, 'trustProxy' | 'logLevel' | 'webDist'> & { publicUrl?: string | null };
  services: AppServices;
  lifecycle?: Lifecycle;
  /** Tests and benchmarks pass false to keep output quiet. */
  logger?: boolean;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: { write(line: string): void };
}

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config, services } = opts;
  const lifecycle = opts.lifecycle ?? { shuttingDown: false };
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel, ...(opts.logStream ? { stream: opts.logStream } : {}) },
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT,
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    routerOptions: { maxParamLength: 200 },
  });

  // One log line per request: the logger costs throughput, so no more than that. The route's pattern, not the
  // address: addresses carry tracking codes and survey card tokens, which open an item's status or a card's form to
  // whoever holds them, and query strings carry what people searched for. (The request's logger already names reqId.)
  app.addHook('onResponse', async (req, reply) => {
    req.log.info({ method: req.method, route: req.routeOptions.url ?? null, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
  });
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });

  await app.register(cookie);
  await app.register(formbody);
  installSecurityHeaders(app);
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.addContentTypeParser([XLSX_TYPE, 'application/octet-stream', 'image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  installErrors(app);
  installI18n(app);
  installAuth(app, services);

  healthRoutes(app, services, lifecycle);
  authRoutes(app, services);
  unitRoutes(app, services);
  userRoutes(app, services);
  auditRoutes(app, services);
  surveyRoutes(app, services);
  paperRoutes(app, services);
  tokenRoutes(app, services, config.publicUrl ?? null);
  xlsformRoutes(app, services);
  exportRoutes(app, services);
  importRoutes(app, services);
  feedbackRoutes(app, services);
  partnerRoutes(app, services);
  feedbackImportRoutes(app, services);
  open311Routes(app, services);
  feedbackConfigRoutes(app, services);
  publicSurveyRoutes(app, services, config.publicUrl ?? null);
  publicFeedbackRoutes(app, services);
  dataRequestRoutes(app, services);
  feedbackReportRoutes(app, services);
  publicReportBackRoutes(app, services);
  documentRoutes(app, services);
  workResultsRoutes(app, services);
  conferenceRoutes(app, services, config.publicUrl ?? null);
  conferenceDelegateRoutes(app, services);
  conferenceOpinionRoutes(app, services);
  conferenceOverviewRoutes(app, services);
  conferencePhotoRoutes(app, services);
  publicConferenceRoutes(app, services);
  await serveConsole(app, config.webDist);
  return app;
}

/**
 * The staff console's built files under /console/, with the single-page app's fallback to index.html. The build's
 * assets have their content's hash in their names: kept a year and never asked again. The page itself is asked
 * again on every load (no-cache, answered 304 while unchanged), so a new build's screens are found at once.
 */
async function serveConsole(app: FastifyInstance, dist: string) {
  app.get('/', async (_req, reply) => reply.redirect('/console/'));
  if (!fs.existsSync(path.join(dist, 'index.html'))) return;
  const assets = path.join(dist, 'assets') + path.sep;
  await app.register(fastifyStatic, {
    root: dist, prefix: '/console/', wildcard: false, index: ['index.html'], cacheControl: false,
    setHeaders: (res, file) => res.setHeader('cache-control', file.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  // An asset that is not there (an old page asking for the last build's screen) is a 404, not the page in its place.
  app.get('/console/assets/*', async (_req, reply) => reply.callNotFound());
  app.get('/console/*', async (_req, reply) => reply.type('text/html; charset=utf-8').sendFile('index.html'));
}
