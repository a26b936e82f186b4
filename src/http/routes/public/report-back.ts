// The register's public report-back ("you said, we did"), server-rendered like the other citizen pages (no
// JavaScript, everything escaped through html``, readable on a phone):
//   GET /bao-cao/:unitCode?ky=2026            the period's opinions and what was done (ky=2026-Q3 for a quarter,
//                                             tu=...&den=... for dates; nothing: this year; trang=N pages the list)
//   GET /bao-cao/:unitCode.pdf?ky=2026        the same as a THÔNG BÁO on A4 for the commune noticeboard
//   GET /bao-cao/:unitCode/pdf?ky=2026        (the same PDF)
// An unknown unit gets the citizen pages' 404 page, a period that is not one a 400 page. Nothing personal is
// shown: commands/feedback/report-back.ts decides what an item may say.
import { createHash } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../../commands/context.ts';
import { parsePeriod, periodLabel, reportBack, statusText, type Period, type ReportBack, type ReportItem } from '../../../commands/feedback/report-back.ts';
import { formatDate, todayVN } from '../../../core/dates.ts';
import { AppError } from '../../../core/errors.ts';
import { renderReportBackPdf } from '../../../documents/report-back/render.ts';
import { t, type Lang } from '../../../i18n/index.ts';
import { messagePage, withLang } from '../../pages/feedback-pages.ts';
import { FEEDBACK_CSS } from '../../pages/feedback-css.ts';
import { FORM_CSS } from '../../pages/survey-css.ts';
import { html, raw, type Html } from '../../pages/html.ts';
import { ClientLimit } from './rate-window.ts';
import { sendSlowDown as tooMany } from './slow-down.ts';
import { sendHtml as sendPage } from '../../pages/send.ts';

const UNIT_CODE = /^[A-Z0-9][A-Z0-9.-]{0,79}$/;
const TEN_MIN = 10 * 60_000;
/** Items per page on the phone; the PDF has them all. */
export const PAGE_SIZE = 100;

const REPORT_CSS = `.items{padding-left:1.6rem}.items>li{padding:.55rem 0;border-bottom:1px solid #dde3dd}.items p{margin:.15rem 0}
.ans{border-left:3px solid #1b5e3a;padding-left:.6rem;margin-top:.35rem}table{border-collapse:collapse;width:100%}
th,td{padding:.3rem .4rem;border-bottom:1px solid #dde3dd;text-align:left;vertical-align:top}.n{text-align:right}.pdf{font-weight:700}
.tot{grid-template-columns:1fr auto}.tot dd{text-align:right;font-weight:700}.links b{display:inline-block;margin:.25rem 1rem .25rem 0}`;

function shell(lang: Lang, title: string, body: Html): string {
  return html`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>${raw(FORM_CSS)}${raw(FEEDBACK_CSS)}${raw(REPORT_CSS)}</style></head><body><main>${body}</main></body></html>`.value;
}

/** The query that names a period in links. */
function periodQuery(p: Period): string {
  return p.kind === 'range' ? `tu=${p.from}&den=${p.to}` : `ky=${p.key}`;
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

function itemView(lang: Lang, it: ReportItem): Html {
  const topic = it.topic ? (lang === 'en' ? it.topic.en : it.topic.vi) : t(lang, 'citizen.none');
  const where = it.channel === 'conference' ? html` · ${t(lang, 'report.at_conference')}` : '';
  return html`<li><p class="meta"><time datetime="${it.receivedOn}">${formatDate(it.receivedOn)}</time> · ${topic} · ${t(lang, `citizen.kind.${it.kind}`)}${where}</p>
<p class="pre">${it.summary}</p><p><b>${statusText(lang, it)}</b></p>${it.answer ? html`<div class="ans"><p class="meta">${t(lang, 'citizen.answer_title')}${it.answeredOn ? html` — ${t(lang, 'report.answered_on', { date: formatDate(it.answeredOn) })}` : ''}</p><p class="pre">${it.answer}</p></div>` : ''}</li>`;
}

interface PageInput {
  lang: Lang;
  report: ReportBack;
  page: number;
  today: string;
}

function reportPage({ lang, report: r, page, today }: PageInput): string {
  const { unit, period, totals } = r;
  const self = `/bao-cao/${unit.code}`;
  const q = periodQuery(period);
  const title = t(lang, 'report.title');
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  const label = periodLabel(lang, period);
  const pages = Math.max(1, Math.ceil(r.items.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const shown = r.items.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const pageLink = (n: number) => withLang(`${self}?${q}${n > 1 ? `&trang=${n}` : ''}`, lang);

  // Other periods: this year and the two before, and the quarters (begun) of the year shown.
  const thisYear = Number(today.slice(0, 4));
  const shownYear = period.kind === 'range' ? thisYear : period.year;
  const years = [thisYear, thisYear - 1, thisYear - 2];
  const quarters = [1, 2, 3, 4].filter((n) => `${shownYear}-${String((n - 1) * 3 + 1).padStart(2, '0')}-01` <= today);
  const periodLink = (key: string, text: string) => (key === period.key ? html`<b>${text}</b>` : html`<a href="${withLang(`${self}?ky=${key}`, lang)}">${text}</a>`);

  const pct = String(totals.onTimePct);
  const onTime = totals.judged
    ? `${lang === 'vi' ? pct.replace('.', ',') : pct}% (${totals.onTime}/${totals.judged})`
    : t(lang, 'report.on_time_none');
  const kinds = (['suggestion', 'report', 'request', 'praise'] as const).map((k) => `${t(lang, `citizen.kind.${k}`)}: ${totals.byKind[k]}`).join(' · ');

  const body = html`<header><p class="unit">${unit.name}</p><h1>${title}</h1><p class="meta">${t(lang, 'report.period_heading', { period: label })} · <a href="${self}?${q}&lang=${other}" lang="${other}">${t(other, 'form.switch_lang')}</a></p></header>
<p>${t(lang, 'report.intro')}</p><p class="hint">${t(lang, 'report.privacy')}</p>
<nav aria-label="${t(lang, 'report.periods')}"><p class="links">${years.map((y) => periodLink(String(y), String(y)))}</p>${quarters.length ? html`<p class="links">${quarters.map((n) => periodLink(`${shownYear}-Q${n}`, capitalise(periodLabel(lang, { kind: 'quarter', key: `${shownYear}-Q${n}`, year: shownYear, quarter: n as 1 | 2 | 3 | 4, from: '', to: '' }))))}</p>` : ''}</nav>
<section><h2>${t(lang, 'report.totals_title')}</h2><dl class="tot">
<dt>${t(lang, 'report.received')}</dt><dd>${totals.received}</dd>
<dt>${t(lang, 'report.answered')}</dt><dd>${totals.answered}</dd>
<dt>${t(lang, 'report.open')}</dt><dd>${totals.open}</dd>
<dt>${t(lang, 'report.on_time')}</dt><dd>${onTime}</dd>
<dt>${t(lang, 'report.separate')}</dt><dd>${totals.separateProcedure}</dd></dl>
<p class="meta">${t(lang, 'report.received')}: ${kinds}</p><p class="hint">${t(lang, 'report.separate_note')}</p>
${totals.byTopic.length ? html`<h3>${t(lang, 'report.by_topic')}</h3><table><thead><tr><th scope="col">${t(lang, 'report.topic')}</th><th scope="col" class="n">${t(lang, 'report.col_received')}</th><th scope="col" class="n">${t(lang, 'report.col_answered')}</th></tr></thead><tbody>${totals.byTopic.map((g) =>
    html`<tr><td>${lang === 'en' ? g.topic.en : g.topic.vi}</td><td class="n">${g.received}</td><td class="n">${g.answered}</td></tr>`)}</tbody></table>` : ''}</section>
<p><a class="pdf" href="${withLang(`${self}.pdf?${q}`, lang)}" type="application/pdf">${t(lang, 'report.pdf_link')}</a></p>
<section><h2>${t(lang, 'report.items_title', { n: r.items.length })}</h2>${shown.length
    ? html`<ol class="items" start="${(current - 1) * PAGE_SIZE + 1}">${shown.map((it) => itemView(lang, it))}</ol>`
    : html`<p>${t(lang, 'report.none')}</p>`}
${pages > 1 ? html`<p class="links">${current > 1 ? html`<a href="${pageLink(current - 1)}" rel="prev">${t(lang, 'report.prev_page')}</a>` : ''}<span>${t(lang, 'report.page_of', { n: current, total: pages })}</span>${current < pages ? html` <a href="${pageLink(current + 1)}" rel="next">${t(lang, 'report.next_page')}</a>` : ''}</p>` : ''}</section>
<p class="links"><a href="${withLang(`/y/${unit.code}`, lang)}">${t(lang, 'citizen.send_link')}</a><a href="${withLang('/tra-cuu', lang)}">${t(lang, 'citizen.track_link')}</a></p>`;
  return shell(lang, `${title} — ${unit.name} — ${capitalise(label)}`, body);
}

/** HTML, gzip-compressed when the browser accepts it. Public and the same for everyone: cacheable for a while. */
function sendHtml(req: FastifyRequest, reply: FastifyReply, status: number, body: string, cacheable = false) {
  return sendPage(req, reply, status, body, { cache: cacheable ? 'public, max-age=300' : 'no-store', vary: 'accept-language, cookie' });
}

const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 40) : undefined);

export function publicReportBackRoutes(app: FastifyInstance, services: AppServices) {
  const views = new ClientLimit(TEN_MIN, 300);
  const pdfs = new ClientLimit(TEN_MIN, 30);
  // PDFs by the content they print (and the day on their date line): drawing is the costly part.
  const printed = new Map<string, { at: number; pdf: Buffer }>();


  function unitNotFound(req: FastifyRequest, reply: FastifyReply) {
    return sendHtml(req, reply, 404, messagePage(req.lang, t(req.lang, 'citizen.unit_not_found_title'), t(req.lang, 'citizen.unit_not_found'),
      { link: { href: withLang('/y', req.lang), label: t(req.lang, 'citizen.units_title') } }));
  }

  async function unitOf(raw: string): Promise<{ id: number; name: string; code: string } | null> {
    const code = raw.toUpperCase();
    if (!UNIT_CODE.test(code)) return null;
    const graph = await services.access.unitGraph();
    const id = graph.idOf(code);
    if (id === undefined) return null;
    const today = todayVN();
    // A unit that has ended still has its report (its past periods): it is named as it last was.
    const v = graph.versionAt(id, today) ?? graph.structuralVersion(id, today);
    return v ? { id, name: v.name, code } : null;
  }

  /** The unit and period a request names, or null once the 404/400 page has been sent. */
  async function target(req: FastifyRequest, reply: FastifyReply, rawCode: string) {
    const unit = await unitOf(rawCode);
    if (!unit) {
      await unitNotFound(req, reply);
      return null;
    }
    const query = (req.query ?? {}) as Record<string, unknown>;
    const period = parsePeriod({ ky: str(query.ky), from: str(query.tu), to: str(query.den) });
    if (!period) {
      await sendHtml(req, reply, 400, messagePage(req.lang, t(req.lang, 'report.bad_period_title'), t(req.lang, 'report.bad_period'),
        { unitName: unit.name, link: { href: withLang(`/bao-cao/${unit.code}`, req.lang), label: t(req.lang, 'report.title') } }));
      return null;
    }
    return { unit, period };
  }

  async function sendPdf(req: FastifyRequest, reply: FastifyReply, rawCode: string) {
    const wait = pdfs.hit(req.ip);
    if (wait) return tooMany(req, reply, wait);
    const tg = await target(req, reply, rawCode);
    if (!tg) return reply;
    const report = await reportBack(services, tg.unit.id, tg.period);
    const today = todayVN();
    const key = createHash('sha256').update(`${today}\u0000${JSON.stringify(report)}`).digest('hex');
    const now = Date.now();
    let pdf = printed.get(key)?.pdf;
    if (!pdf) {
      pdf = await renderReportBackPdf(report, today);
      for (const [k, v] of printed) if (now - v.at > TEN_MIN || printed.size >= 32) printed.delete(k);
      printed.set(key, { at: now, pdf });
    }
    const name = `thong-bao-y-kien-${tg.unit.code}-${tg.period.key.replace('..', '_')}.pdf`.toLowerCase();
    return reply.type('application/pdf').header('cache-control', 'public, max-age=300')
      .header('content-disposition', `inline; filename="${name}"`).send(pdf);
  }

  void app.register(async (scope) => {
    // Whatever escapes a handler still gets a page.
    scope.setErrorHandler((error: FastifyError, req, reply) => {
      const err = error instanceof AppError ? error
        : error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? new AppError('bad_request') : new AppError('internal');
      if (err.code === 'internal') req.log.error({ err: error }, 'unhandled error');
      return sendHtml(req, reply, err.status, messagePage(req.lang, t(req.lang, 'report.title'), t(req.lang, `errors.${err.code}`, err.params)));
    });

    scope.get('/bao-cao/:unitCode', async (req, reply) => {
      const raw = String((req.params as { unitCode: string }).unitCode);
      if (/\.pdf$/i.test(raw)) return sendPdf(req, reply, raw.slice(0, -4));
      const wait = views.hit(req.ip);
      if (wait) return tooMany(req, reply, wait);
      const tg = await target(req, reply, raw);
      if (!tg) return reply;
      const report = await reportBack(services, tg.unit.id, tg.period);
      const n = Number(str((req.query as Record<string, unknown>).trang) ?? '1');
      const page = Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
      return sendHtml(req, reply, 200, reportPage({ lang: req.lang, report, page, today: todayVN() }), true);
    });

    scope.get('/bao-cao/:unitCode/pdf', async (req, reply) => sendPdf(req, reply, String((req.params as { unitCode: string }).unitCode)));
  });
}
