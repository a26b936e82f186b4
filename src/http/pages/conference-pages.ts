// The conference's citizen pages: the published summary (/hn/<code>), the walk-in self check-in form
// (/hn/<code>/diem-danh) and a delegate's personal check-in from the QR code on the invitation (/hn/d/<token>).
// Server-rendered, no script, everything escaped through html``.
import type { PublicConference, PublicOpinion, CheckinConference } from '../../commands/conferences/public.ts';
import { formatDate, formatDateTime } from '../../core/dates.ts';
import type { FieldIssue } from '../../core/errors.ts';
import { t, type Lang } from '../../i18n/index.ts';
import { err, header, issueSummary, shell, withLang } from './feedback-pages.ts';
import { html, raw, type Html } from './html.ts';

const CSS = `.ops{padding-left:1.6rem}.ops>li{padding:.55rem 0;border-bottom:1px solid #dde3dd}.ops p{margin:.15rem 0}
.ans{border-left:3px solid #1b5e3a;padding-left:.6rem;margin-top:.35rem}.gal{display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.5rem}
.gal figure{margin:0}.gal img{width:100%;height:auto;border-radius:.3rem}.gal figcaption{font-size:.9rem;color:#444}`;

const time = (iso: string) => formatDateTime(iso).slice(11);

function opinionView(lang: Lang, o: PublicOpinion): Html {
  const topic = o.topic ? `${lang === 'en' ? o.topic.en : o.topic.vi} · ` : '';
  const status = o.state === 'closed' && o.outcome ? t(lang, `citizen.outcome.${o.outcome}`) : t(lang, `citizen.state.${o.state}`);
  return html`<li><p class="meta">${topic}${t(lang, `citizen.kind.${o.kind}`)}</p><p class="pre">${o.summary}</p><p><b>${status}</b></p>${o.answer
    ? html`<div class="ans"><p class="meta">${t(lang, 'citizen.answer_title')}${o.answeredOn ? html` — ${formatDate(o.answeredOn)}` : ''}</p><p class="pre">${o.answer}</p></div>` : ''}</li>`;
}

/** The published summary: when, where, attendance, the summary text, every opinion and its outcome, photos. */
export function summaryPage(lang: Lang, c: PublicConference): string {
  const self = `/hn/${c.code}`;
  const answered = c.opinions.filter((o) => o.answer !== null || o.state === 'closed').length;
  const body = html`${header(lang, c.title, c.unitName, self)}
<dl><dt>${t(lang, 'conf.public.when')}</dt><dd>${formatDate(c.heldOn)}, ${time(c.startsAt)}–${time(c.endsAt)}</dd>
<dt>${t(lang, 'conf.public.venue')}</dt><dd>${c.venue}</dd>
${c.coOrganisers.length ? html`<dt>${t(lang, 'conf.public.co_organisers')}</dt><dd>${c.coOrganisers.join('; ')}</dd>` : ''}
<dt>${t(lang, 'conf.public.attendance')}</dt><dd>${t(lang, 'conf.public.people', { n: c.attendance })}</dd>
<dt>${t(lang, 'conf.public.opinions')}</dt><dd>${t(lang, 'conf.public.opinions_count', { n: c.opinions.length, answered })}</dd></dl>
<h2>${t(lang, 'conf.public.summary')}</h2><p class="pre">${c.summary}</p>
<h2>${t(lang, 'conf.public.opinions_title')}</h2>${c.opinions.length ? html`<ol class="ops">${c.opinions.map((o) => opinionView(lang, o))}</ol>` : html`<p>${t(lang, 'conf.public.no_opinions')}</p>`}
${c.separateProcedure ? html`<p class="meta">${t(lang, 'conf.public.separate', { n: c.separateProcedure })}</p>` : ''}
${c.photos.length ? html`<h2>${t(lang, 'conf.public.photos')}</h2><div class="gal">${c.photos.map((p) => html`<figure><img src="${self}/anh/${p.id}.jpg" width="${p.width}" height="${p.height}" alt="${p.caption ?? t(lang, 'conf.public.photo_alt')}" loading="lazy">${p.caption ? html`<figcaption>${p.caption}</figcaption>` : ''}</figure>`)}</div>` : ''}
<p class="meta">${t(lang, 'conf.public.published', { date: formatDate(c.publishedAt) })}</p>
<p class="links">${c.surveySlug ? html`<a href="${withLang(`/s/${c.surveySlug}`, lang)}">${t(lang, 'conf.public.survey_link')}</a>` : ''}<a href="${withLang('/y', lang)}">${t(lang, 'conf.public.feedback_link')}</a><a href="${withLang('/tra-cuu', lang)}">${t(lang, 'citizen.track_link')}</a></p>`;
  return shell(lang, `${c.title} — ${c.unitName}`, html`${raw(`<style>${CSS}</style>`)}${body}`);
}

export interface WalkInValues {
  fullName?: string;
  title?: string;
  village?: string;
}

function field(lang: Lang, name: keyof WalkInValues, value: string | undefined, issue: FieldIssue | undefined, o: { max: number; required?: boolean; auto?: string }): Html {
  return html`<div class="q${issue ? ' has-err' : ''}"><label for="f-${name}">${t(lang, `conf.public.field.${name}`)}${o.required ? html` <span class="req" aria-hidden="true">*</span>` : ''}</label>${err(lang, name, issue)}<input type="text" id="f-${name}" name="${name}" value="${value ?? ''}" maxlength="${o.max}"${o.auto ? html` autocomplete="${o.auto}"` : ''}${o.required ? raw(' required') : ''}${issue ? html` aria-describedby="e-${name}"` : ''}></div>`;
}

/** The walk-in self check-in form shown from the QR code on the screen in the hall. */
export function walkInPage(lang: Lang, c: CheckinConference, values: WalkInValues = {}, issues: Record<string, FieldIssue> = {}): string {
  const self = `/hn/${c.code}/diem-danh`;
  const title = t(lang, 'conf.public.checkin_title');
  const intro = html`<p><b>${c.title}</b><br>${formatDate(c.heldOn)} · ${c.venue}</p>`;
  if (!c.open) return shell(lang, title, html`${header(lang, title, c.unitName, self)}${intro}<p class="msg">${t(lang, 'conf.public.checkin_closed')}</p>`, { noindex: true });
  const body = html`${header(lang, title, c.unitName, self)}${intro}<p>${t(lang, 'conf.public.checkin_intro')}</p>${issueSummary(lang, issues, (n) => t(lang, `conf.public.field.${n}`))}
<form method="post" action="${withLang(self, lang)}" novalidate>
${field(lang, 'fullName', values.fullName, issues.fullName, { max: 200, required: true, auto: 'name' })}
${field(lang, 'title', values.title, issues.title, { max: 200, auto: 'organization-title' })}
${field(lang, 'village', values.village, issues.village, { max: 200 })}
<p class="hint">${t(lang, 'conf.public.checkin_privacy')}</p><button type="submit">${t(lang, 'conf.public.checkin_submit')}</button></form>`;
  return shell(lang, title, body, { noindex: true });
}

/** A delegate's own check-in: one button (a GET never checks anyone in: link scanners and previews follow GETs). */
export function personalCheckinPage(lang: Lang, c: CheckinConference, token: string, alreadyAt: string | null): string {
  const title = t(lang, 'conf.public.checkin_title');
  const self = `/hn/d/${token}`;
  const intro = html`<p><b>${c.title}</b><br>${formatDate(c.heldOn)} · ${c.venue}</p>`;
  const body = alreadyAt
    ? html`<p class="ok">${t(lang, 'conf.public.checked_in_at', { time: formatDateTime(alreadyAt) })}</p>`
    : c.open
      ? html`<form method="post" action="${withLang(self, lang)}"><button type="submit">${t(lang, 'conf.public.checkin_me')}</button></form>`
      : html`<p class="msg">${t(lang, 'conf.public.checkin_closed')}</p>`;
  return shell(lang, title, html`${header(lang, title, c.unitName, self)}${intro}${body}`, { noindex: true });
}

/** After checking in (`at` null: they had checked in before). */
export function checkedInPage(lang: Lang, c: CheckinConference, at: string | null): string {
  const title = t(lang, 'conf.public.checkin_title');
  const done = at ? t(lang, 'conf.public.checked_in_at', { time: formatDateTime(at) }) : t(lang, 'conf.public.already');
  return shell(lang, title, html`${header(lang, title, c.unitName)}<p class="ok">${done}</p><p>${t(lang, 'conf.public.thanks')}</p>`, { noindex: true });
}
