// The citizen's feedback pages, server-rendered and without JavaScript: choosing the commune police, the form, the
// receipt, looking up a tracking code, the status with its public history and the rating, and data-subject
// requests. Everything the citizen or staff typed goes through html`` and so is always shown escaped.
import { dateVN, formatDate } from '../../core/dates.ts';
import type { FieldIssue } from '../../core/errors.ts';
import { CONSENT_PURPOSES, CONSENT_TEXT_VERSION, type ConsentPurpose } from '../../core/feedback/kinds.ts';
import { formatTrackingCode } from '../../core/feedback/tracking.ts';
import type { DataRequestKind, FeedbackKind } from '../../db/schema.ts';
import { t, type Lang } from '../../i18n/index.ts';
import type { PublicStatus } from '../../commands/feedback/citizen.ts';
import type { PublicDataRequest } from '../../commands/feedback/data-requests.ts';
import type { HeldData } from '../../core/feedback/shapes.ts';
import { html, problemBox, raw, type Html } from './html.ts';
import { FEEDBACK_CSS } from './feedback-css.ts';
import { FORM_CSS } from './survey-css.ts';

/** The kinds a citizen chooses from; khiếu nại, tố cáo and tố giác are recognised and routed by staff. */
export const PUBLIC_KINDS = ['suggestion', 'report', 'request', 'praise'] as const satisfies readonly FeedbackKind[];
export const DATA_KINDS = ['see', 'correct', 'delete', 'restrict', 'object'] as const satisfies readonly DataRequestKind[];

/**
 * The consent texts exactly as shown, by purpose and version. A changed text needs a new version in
 * CONSENT_TEXT_VERSION (core/feedback/kinds.ts) and its words here; the check below refuses to start otherwise.
 */
const CONSENT_TEXTS: Record<ConsentPurpose, Record<string, { vi: string; en: string }>> = {
  contact_updates: {
    '2026-01': {
      vi: 'Tôi đồng ý để đơn vị dùng số điện thoại/email này để thông báo kết quả giải quyết ý kiến',
      en: 'I agree that the unit may use this phone number/email to tell me the outcome of my feedback',
    },
  },
  followup_survey: {
    '2026-01': {
      vi: 'Tôi đồng ý để đơn vị liên hệ lại để hỏi ý kiến về mức độ hài lòng với việc giải quyết',
      en: 'I agree that the unit may contact me again to ask how satisfied I am with the handling',
    },
  },
};
for (const p of CONSENT_PURPOSES) {
  if (!CONSENT_TEXTS[p]?.[CONSENT_TEXT_VERSION[p]]) throw new Error(`consent text missing for ${p} version ${CONSENT_TEXT_VERSION[p]}`);
}

export function consentText(lang: Lang, purpose: ConsentPurpose, version = CONSENT_TEXT_VERSION[purpose]): string {
  const text = CONSENT_TEXTS[purpose][version];
  return text ? text[lang] : purpose;
}

/** Adds ?lang=en (or &lang=en) when the page is in English, so links and forms keep the language. */
export function withLang(url: string, lang: Lang): string {
  return lang === 'en' ? `${url}${url.includes('?') ? '&' : '?'}lang=en` : url;
}

/** The citizen pages' document: tiny inline CSS, no script. */
export function shell(lang: Lang, title: string, body: Html, opts: { noindex?: boolean } = {}): string {
  const meta = opts.noindex ? raw('<meta name="robots" content="noindex"><meta name="referrer" content="no-referrer">') : '';
  return html`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${meta}<title>${title}</title><style>${raw(FORM_CSS)}${raw(FEEDBACK_CSS)}</style></head><body><main>${body}</main></body></html>`.value;
}

/** The page header: the unit, the title, a link to the other language. */
export function header(lang: Lang, title: string, unitName?: string | null, switchTo?: string): Html {
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  return html`<header>${unitName ? html`<p class="unit">${unitName}</p>` : ''}<h1>${title}</h1>${switchTo !== undefined
    ? html`<p class="meta"><a href="${switchTo}${switchTo.includes('?') ? '&' : '?'}lang=${other}" lang="${other}">${t(other, 'form.switch_lang')}</a></p>` : ''}</header>`;
}

/** The list of problems at the top of a form, each linking to its field. */
export function issueSummary(lang: Lang, issues: Record<string, FieldIssue>, label: (name: string) => string): Html | '' {
  const list = Object.entries(issues);
  if (!list.length) return '';
  return html`<div class="errors" role="alert" tabindex="-1" id="errors"><h2>${t(lang, 'citizen.check_fields', { n: list.length })}</h2><ul>${list.map(([name, issue]) =>
    html`<li><a href="#f-${name}">${label(name)}: ${t(lang, issue.key, issue.params)}</a></li>`)}</ul></div>`;
}

/** A field's own error line. */
export function err(lang: Lang, name: string, issue: FieldIssue | undefined): Html | '' {
  return issue ? html`<span class="err" id="e-${name}">${t(lang, issue.key, issue.params)}</span>` : '';
}

/** A message page: not found, too many requests, an error. */
export function messagePage(lang: Lang, title: string, text: string, opts: { unitName?: string | null; link?: { href: string; label: string }; noindex?: boolean } = {}): string {
  return shell(lang, title, html`${header(lang, title, opts.unitName)}<p class="msg">${text}</p>${opts.link ? html`<p><a href="${opts.link.href}">${opts.link.label}</a></p>` : ''}`, { noindex: opts.noindex });
}

// ---------------------------------------------------------------------------------------------------------
// Choosing the unit
// ---------------------------------------------------------------------------------------------------------

export interface UnitGroup {
  parentName: string;
  units: { code: string; name: string }[];
}

export function unitListPage(lang: Lang, q: string, groups: UnitGroup[]): string {
  const total = groups.reduce((n, g) => n + g.units.length, 0);
  const title = t(lang, 'citizen.units_title');
  const body = html`${header(lang, title, null, q ? `/y?q=${encodeURIComponent(q)}` : '/y')}<p>${t(lang, 'citizen.units_intro')}</p>
<form method="get" action="/y" role="search"><div class="row"><div><label for="f-q">${t(lang, 'citizen.search_label')}</label><input type="search" id="f-q" name="q" value="${q}" maxlength="100"></div>${lang === 'en' ? raw('<input type="hidden" name="lang" value="en">') : ''}<button type="submit">${t(lang, 'citizen.search')}</button></div></form>
<p class="meta">${total ? t(lang, 'citizen.units_count', { n: total }) : t(lang, 'citizen.units_none')}</p>
${groups.map((g) => html`<section><h2>${g.parentName}</h2><ul class="units">${g.units.map((u) => html`<li><a href="${withLang(`/y/${u.code}`, lang)}">${u.name}</a></li>`)}</ul></section>`)}
<p class="links"><a href="${withLang('/tra-cuu', lang)}">${t(lang, 'citizen.track_link')}</a></p>`;
  return shell(lang, title, body);
}

// ---------------------------------------------------------------------------------------------------------
// The form
// ---------------------------------------------------------------------------------------------------------

export interface FormValues {
  kind?: string;
  content?: string;
  location?: string;
  fullName?: string;
  phone?: string;
  email?: string;
  address?: string;
  consents?: string[];
}

export interface FeedbackFormInput {
  lang: Lang;
  unitCode: string;
  unitName: string;
  /** The form was opened from a QR code: the submission is recorded as channel 'qr'. */
  qr: boolean;
  values?: FormValues;
  issues?: Record<string, FieldIssue>;
  /** Photos were sent with a refused submission: a browser cannot keep them, so ask to choose them again. */
  photosDropped?: boolean;
  /** Why the whole form was refused for now (the system is overloaded), shown above it. */
  problem?: string;
}

const FIELD_LABEL: Record<string, string> = {
  kind: 'citizen.field.kind', content: 'citizen.field.content', location: 'citizen.field.location', fullName: 'citizen.field.full_name',
  phone: 'citizen.field.phone', email: 'citizen.field.email', address: 'citizen.field.address', consents: 'citizen.field.consents',
  photos: 'citizen.field.photos', website: 'citizen.honeypot', rating: 'citizen.field.rating', comment: 'citizen.field.comment',
  code: 'citizen.field.code', details: 'citizen.field.details', verify: 'citizen.field.verify_code', request: 'citizen.field.dr_kind',
};
const labelOf = (lang: Lang) => (name: string) => t(lang, FIELD_LABEL[name] ?? name);

function input(lang: Lang, name: string, value: string | undefined, issue: FieldIssue | undefined, o: { type?: string; max: number; auto?: string; hint?: string; mode?: string }): Html {
  const described = [issue ? `e-${name}` : '', o.hint ? `h-${name}` : ''].filter(Boolean).join(' ');
  return html`<div class="q${issue ? ' has-err' : ''}"><label for="f-${name}">${t(lang, FIELD_LABEL[name]!)}</label>${o.hint ? html`<span class="hint" id="h-${name}">${o.hint}</span>` : ''}${err(lang, name, issue)}<input type="${o.type ?? 'text'}" id="f-${name}" name="${name}" value="${value ?? ''}" maxlength="${o.max}"${o.auto ? html` autocomplete="${o.auto}"` : ''}${o.mode ? html` inputmode="${o.mode}"` : ''}${described ? html` aria-describedby="${described}"` : ''}></div>`;
}

export function feedbackFormPage(f: FeedbackFormInput): string {
  const { lang } = f;
  const v = f.values ?? {};
  const issues = f.issues ?? {};
  const title = t(lang, 'citizen.form_title');
  const self = `/y/${f.unitCode}${f.qr ? '?src=qr' : ''}`;
  const consents = new Set(v.consents ?? []);
  const kindIssue = issues.kind;
  const body = html`${header(lang, title, f.unitName, self)}<p>${t(lang, 'citizen.intro')}</p><p class="meta">${t(lang, 'citizen.emergency')}</p>${f.problem ? problemBox(f.problem) : issueSummary(lang, issues, labelOf(lang))}
<form method="post" action="${withLang(self, lang)}" enctype="multipart/form-data" novalidate>
<div class="hp" aria-hidden="true"><label for="f-website">${t(lang, 'citizen.honeypot')}</label><input type="text" id="f-website" name="website" tabindex="-1" autocomplete="off"></div>
<fieldset class="q${kindIssue ? ' has-err' : ''}" id="f-kind"><legend>${t(lang, 'citizen.field.kind')} <span class="req" aria-hidden="true">*</span></legend>${err(lang, 'kind', kindIssue)}<div class="opts">${PUBLIC_KINDS.map((k) =>
    html`<label class="opt"><input type="radio" name="kind" value="${k}"${v.kind === k ? raw(' checked') : ''}> <span><b>${t(lang, `citizen.kind.${k}`)}</b> — ${t(lang, `citizen.kind_hint.${k}`)}</span></label>`)}</div><span class="hint">${t(lang, 'citizen.kind_note')}</span></fieldset>
<div class="q${issues.content ? ' has-err' : ''}"><label for="f-content">${t(lang, 'citizen.field.content')} <span class="req" aria-hidden="true">*</span></label><span class="hint" id="h-content">${t(lang, 'citizen.content_hint')}</span>${err(lang, 'content', issues.content)}<textarea id="f-content" name="content" rows="7" maxlength="10000" required aria-describedby="h-content${issues.content ? ' e-content' : ''}">${v.content ?? ''}</textarea></div>
${input(lang, 'location', v.location, issues.location, { max: 300, hint: t(lang, 'citizen.location_hint') })}
<h2>${t(lang, 'citizen.contact_title')}</h2><p class="hint">${t(lang, 'citizen.anonymous_note')}</p>
${input(lang, 'fullName', v.fullName, issues.fullName, { max: 200, auto: 'name' })}
${input(lang, 'phone', v.phone, issues.phone, { type: 'tel', max: 20, auto: 'tel', mode: 'tel' })}
${input(lang, 'email', v.email, issues.email, { type: 'email', max: 200, auto: 'email' })}
${input(lang, 'address', v.address, issues.address, { max: 300, auto: 'street-address' })}
<fieldset class="q${issues.consents ? ' has-err' : ''}" id="f-consents"><legend>${t(lang, 'citizen.field.consents')}</legend><span class="hint">${t(lang, 'citizen.consent_note')}</span>${err(lang, 'consents', issues.consents)}<div class="opts">${CONSENT_PURPOSES.map((p) =>
    html`<label class="opt"><input type="checkbox" name="consents" value="${p}"${consents.has(p) ? raw(' checked') : ''}> <span>${consentText(lang, p)} <small>(${t(lang, 'citizen.consent_version', { v: CONSENT_TEXT_VERSION[p] })})</small></span></label>`)}</div></fieldset>
<div class="q${issues.photos ? ' has-err' : ''}"><label for="f-photos">${t(lang, 'citizen.field.photos')}</label><span class="hint" id="h-photos">${t(lang, 'citizen.photos_hint')}</span>${f.photosDropped ? html`<span class="hint"><b>${t(lang, 'citizen.photos_reselect')}</b></span>` : ''}${err(lang, 'photos', issues.photos)}<input type="file" id="f-photos" name="photos" accept="image/jpeg,image/png,image/webp" multiple aria-describedby="h-photos"></div>
<p class="req-note"><span class="req">*</span> ${t(lang, 'form.required_note')}</p><button type="submit" class="send">${t(lang, 'citizen.submit')}</button></form>
<p class="links"><a href="${withLang('/tra-cuu', lang)}">${t(lang, 'citizen.track_link')}</a><a href="${withLang('/y', lang)}">${t(lang, 'citizen.other_unit')}</a></p>`;
  return shell(lang, `${title} — ${f.unitName}`, body);
}

// ---------------------------------------------------------------------------------------------------------
// Receipt, lookup, status
// ---------------------------------------------------------------------------------------------------------

const codeUrl = (code: string, page: string, lang: Lang) => withLang(`/tra-cuu/${formatTrackingCode(code)}/${page}`, lang);

/** The plain words for where an item stands. */
export function stateLabel(lang: Lang, s: Pick<PublicStatus, 'state' | 'outcome'>): string {
  if (s.state === 'closed' && s.outcome) return t(lang, `citizen.outcome.${s.outcome}`);
  return t(lang, `citizen.state.${s.state}`);
}

export interface ReceiptInput {
  lang: Lang;
  status: PublicStatus;
  /** Shown only to the browser that just sent the item. */
  sender: { fullName: string | null; notifyTo: string[] } | null;
}

export function receiptPage(r: ReceiptInput): string {
  const { lang, status: s } = r;
  const title = t(lang, 'citizen.receipt_title');
  const body = html`${header(lang, title, s.unitName)}<p class="ok">${t(lang, 'citizen.receipt_thanks')}</p>
<p>${t(lang, 'citizen.receipt_code')}</p><p><span class="code">${formatTrackingCode(s.trackingCode)}</span></p><p>${t(lang, 'citizen.receipt_keep')}</p>
<dl><dt>${t(lang, 'citizen.label.register')}</dt><dd>${t(lang, 'citizen.register_value', { no: s.register.no, year: s.register.year, date: formatDate(s.receivedOn) })}</dd>
${r.sender?.fullName ? html`<dt>${t(lang, 'citizen.label.sender')}</dt><dd>${r.sender.fullName}</dd>` : ''}
<dt>${t(lang, 'citizen.label.summary')}</dt><dd class="pre">${s.summary}</dd></dl>
${s.ackDueOn ? html`<p>${t(lang, 'citizen.receipt_ack', { date: formatDate(s.ackDueOn) })}</p>` : ''}
${r.sender ? html`<p>${r.sender.notifyTo.length ? t(lang, 'citizen.receipt_notify', { to: r.sender.notifyTo.join(', ') }) : t(lang, 'citizen.receipt_no_notify')}</p>` : ''}
<p><a href="${codeUrl(s.trackingCode, 'status', lang)}">${t(lang, 'citizen.status_link')}</a></p>`;
  return shell(lang, title, body, { noindex: true });
}

export function trackEntryPage(lang: Lang, issue?: FieldIssue, value = ''): string {
  const title = t(lang, 'citizen.track_title');
  const body = html`${header(lang, title, null, '/tra-cuu')}<p>${t(lang, 'citizen.track_intro')}</p>
<form method="post" action="${withLang('/tra-cuu', lang)}" novalidate><div class="q${issue ? ' has-err' : ''}"><label for="f-code">${t(lang, 'citizen.field.code')}</label>${err(lang, 'code', issue)}<input type="text" id="f-code" name="code" value="${value}" maxlength="20" autocomplete="off" autocapitalize="characters" spellcheck="false"></div><button type="submit">${t(lang, 'citizen.track_submit')}</button></form>
<p class="links"><a href="${withLang('/y', lang)}">${t(lang, 'citizen.send_link')}</a></p>`;
  return shell(lang, title, body, { noindex: true });
}

/** The one answer for any code that names nothing: unknown and malformed alike, byte for byte. */
export function codeNotFoundPage(lang: Lang): string {
  return messagePage(lang, t(lang, 'citizen.code_not_found_title'), t(lang, 'citizen.code_not_found'), { link: { href: withLang('/tra-cuu', lang), label: t(lang, 'citizen.track_again') }, noindex: true });
}

export type StatusNotice = 'rated' | 'rereview' | 'already_rated' | 'not_rateable';

export interface StatusInput {
  lang: Lang;
  status: PublicStatus;
  notice?: StatusNotice | null;
  issues?: Record<string, FieldIssue>;
  values?: { rating?: string; comment?: string };
}

function ratingForm(lang: Lang, s: PublicStatus, issues: Record<string, FieldIssue>, values: { rating?: string; comment?: string }): Html {
  return html`<section><h2>${t(lang, 'citizen.rate_title')}</h2><form method="post" action="${codeUrl(s.trackingCode, 'rating', lang)}" novalidate>
<fieldset class="q${issues.rating ? ' has-err' : ''}" id="f-rating"><legend>${t(lang, 'citizen.rate_intro')}</legend>${err(lang, 'rating', issues.rating)}<div class="opts">${[5, 4, 3, 2, 1].map((n) =>
    html`<label class="opt"><input type="radio" name="rating" value="${n}"${values.rating === String(n) ? raw(' checked') : ''}> <span>${'★'.repeat(n)} ${t(lang, `citizen.rate.${n}`)}</span></label>`)}</div></fieldset>
<div class="q${issues.comment ? ' has-err' : ''}"><label for="f-comment">${t(lang, 'citizen.field.comment')}</label>${err(lang, 'comment', issues.comment)}<textarea id="f-comment" name="comment" rows="3" maxlength="1000">${values.comment ?? ''}</textarea></div>
<button type="submit">${t(lang, 'citizen.rate_submit')}</button></form></section>`;
}

export function statusPage(p: StatusInput): string {
  const { lang, status: s } = p;
  const title = t(lang, 'citizen.status_title');
  const notice = p.notice ? html`<p class="${p.notice === 'rated' || p.notice === 'rereview' ? 'ok' : 'errors'}" role="status">${t(lang, `citizen.notice.${p.notice}`)}</p>` : '';
  const owing = s.state !== 'closed' && s.state !== 'refused' && s.state !== 'forwarded' && s.state !== 'transferred';
  const due = owing ? (s.state === 'received' ? s.ackDueOn : s.dueOn) : null;
  const body = html`${header(lang, title, s.unitName, `/tra-cuu/${formatTrackingCode(s.trackingCode)}/status`)}${notice}
<dl><dt>${t(lang, 'citizen.label.code')}</dt><dd><b>${formatTrackingCode(s.trackingCode)}</b></dd>
<dt>${t(lang, 'citizen.label.register')}</dt><dd>${t(lang, 'citizen.register_value', { no: s.register.no, year: s.register.year, date: formatDate(s.receivedOn) })}</dd>
<dt>${t(lang, 'citizen.label.kind')}</dt><dd>${t(lang, `citizen.kind.${s.kind}`)}</dd>
<dt>${t(lang, 'citizen.label.state')}</dt><dd><b>${stateLabel(lang, s)}</b></dd>
${due ? html`<dt>${t(lang, s.state === 'received' ? 'citizen.label.ack_due' : 'citizen.label.due')}</dt><dd>${formatDate(due)}</dd>` : ''}
<dt>${t(lang, 'citizen.label.summary')}</dt><dd class="pre">${s.summary}</dd></dl>
${s.publicAnswer ? html`<section><h2>${t(lang, 'citizen.answer_title')}</h2>${s.answeredOn ? html`<p class="meta">${t(lang, 'citizen.answered_on', { date: formatDate(s.answeredOn) })}</p>` : ''}<p class="pre">${s.publicAnswer}</p>${s.files.length ? html`<h3>${t(lang, 'citizen.answer_files')}</h3><ul>${s.files.map((f) => html`<li><a href="${codeUrl(s.trackingCode, `tep/${f.id}`, lang)}">${f.filename ?? `#${f.id}`}</a> <small>(${Math.max(1, Math.round(f.size / 1024))} KB)</small></li>`)}</ul>` : ''}</section>` : ''}
<section><h2>${t(lang, 'citizen.history')}</h2><ol class="hist">${s.events.map((e) => html`<li><time datetime="${e.at}">${formatDate(dateVN(e.at))}</time> <span class="pre">${e.message}</span></li>`)}</ol></section>
${s.canRate ? ratingForm(lang, s, p.issues ?? {}, p.values ?? {}) : s.rating !== null && s.ratedAt ? html`<p>${t(lang, 'citizen.rated', { rating: s.rating, date: formatDate(dateVN(s.ratedAt)) })}</p>` : ''}
<p class="links"><a href="${codeUrl(s.trackingCode, 'data', lang)}">${t(lang, 'citizen.data_link')}</a><a href="${codeUrl(s.trackingCode, 'data', lang)}#withdraw">${t(lang, 'citizen.withdraw_link')}</a></p>`;
  return shell(lang, title, body, { noindex: true });
}

// ---------------------------------------------------------------------------------------------------------
// Data-subject requests
// ---------------------------------------------------------------------------------------------------------

export interface DataPageInput {
  lang: Lang;
  code: string;
  unitName: string;
  /** An email or phone is on file to send a verification code to. */
  verifiable: boolean;
  requests: PublicDataRequest[];
  issues?: Record<string, FieldIssue>;
  values?: { kind?: string; details?: string };
  /** A message at the top (too many requests today...). */
  problem?: string | null;
}

function requestLabel(lang: Lang, r: Pick<PublicDataRequest, 'kind' | 'withdraw'>): string {
  return r.withdraw ? t(lang, 'citizen.withdraw_button', { purpose: t(lang, `citizen.purpose.${r.withdraw}`) }) : t(lang, `citizen.dr.${r.kind}`);
}

function requestState(lang: Lang, r: PublicDataRequest): string {
  if (r.state === 'unverified') return t(lang, r.expired ? 'citizen.dr_state.expired' : 'citizen.dr_state.unverified');
  if (r.state === 'open') return t(lang, 'citizen.dr_state.open', { date: r.dueOn ? formatDate(r.dueOn) : '' });
  return t(lang, `citizen.dr_state.${r.state}`, { date: r.answeredAt ? formatDate(dateVN(r.answeredAt)) : '' });
}

export function dataPage(p: DataPageInput): string {
  const { lang } = p;
  const issues = p.issues ?? {};
  const v = p.values ?? {};
  const title = t(lang, 'citizen.data_title');
  const action = codeUrl(p.code, 'data', lang);
  const forms = p.verifiable ? html`${issueSummary(lang, issues, labelOf(lang))}
<form method="post" action="${action}" novalidate><fieldset class="q${issues.request ? ' has-err' : ''}" id="f-request"><legend>${t(lang, 'citizen.field.dr_kind')}</legend>${err(lang, 'request', issues.request)}<div class="opts">${DATA_KINDS.map((k) =>
    html`<label class="opt"><input type="radio" name="request" value="${k}"${v.kind === k ? raw(' checked') : ''}> <span>${t(lang, `citizen.dr.${k}`)}</span></label>`)}</div></fieldset>
<div class="q${issues.details ? ' has-err' : ''}"><label for="f-details">${t(lang, 'citizen.field.details')}</label>${err(lang, 'details', issues.details)}<textarea id="f-details" name="details" rows="3" maxlength="2000">${v.details ?? ''}</textarea></div>
<button type="submit">${t(lang, 'citizen.send_code')}</button></form>
<section id="withdraw"><h2>${t(lang, 'citizen.withdraw_title')}</h2><p>${t(lang, 'citizen.withdraw_intro')}</p>${CONSENT_PURPOSES.map((purpose) =>
    html`<form method="post" action="${action}"><input type="hidden" name="withdraw" value="${purpose}"><p>${consentText(lang, purpose)}</p><button type="submit" class="sec">${t(lang, 'citizen.withdraw_button', { purpose: t(lang, `citizen.purpose.${purpose}`) })}</button></form>`)}</section>`
    : html`<p class="errors">${t(lang, 'citizen.data_no_contact', { unit: p.unitName })}</p>`;
  const body = html`${header(lang, title, p.unitName, `/tra-cuu/${formatTrackingCode(p.code)}/data`)}${p.problem ? html`<p class="errors" role="alert">${p.problem}</p>` : ''}<p>${t(lang, 'citizen.data_intro')}</p>
<p class="meta">${t(lang, 'citizen.label.code')}: <b>${formatTrackingCode(p.code)}</b></p>${forms}
${p.requests.length ? html`<section><h2>${t(lang, 'citizen.requests_title')}</h2><ul>${p.requests.map((r) => html`<li>${requestLabel(lang, r)} — ${t(lang, 'citizen.dr_received', { date: formatDate(dateVN(r.receivedAt)) })}: <b>${requestState(lang, r)}</b>${r.state === 'unverified' && !r.expired ? html` <a href="${codeUrl(p.code, `data/${r.id}`, lang)}">${t(lang, 'citizen.verify_title')}</a>` : ''}</li>`)}</ul></section>` : ''}
<p class="links"><a href="${codeUrl(p.code, 'status', lang)}">${t(lang, 'citizen.back_status')}</a></p>`;
  return shell(lang, title, body, { noindex: true });
}

export interface VerifyPageInput {
  lang: Lang;
  code: string;
  unitName: string;
  request: PublicDataRequest;
  sentTo?: string[];
  issue?: FieldIssue;
}

export function verifyPage(p: VerifyPageInput): string {
  const { lang, request: r } = p;
  const title = t(lang, 'citizen.verify_title');
  const sent = p.sentTo?.length ? t(lang, 'citizen.verify_sent', { to: p.sentTo.join(', ') }) : t(lang, 'citizen.verify_sent_generic');
  const pending = r.state === 'unverified' && !r.expired && r.attemptsLeft > 0;
  const body = html`${header(lang, title, p.unitName)}<p><b>${requestLabel(lang, r)}</b></p>${pending
    ? html`<p>${sent}</p><form method="post" action="${codeUrl(p.code, `data/${r.id}`, lang)}" novalidate><div class="q${p.issue ? ' has-err' : ''}"><label for="f-verify">${t(lang, 'citizen.field.verify_code')}</label>${err(lang, 'verify', p.issue)}<input type="text" id="f-verify" name="verify" maxlength="6" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}"></div><button type="submit">${t(lang, 'citizen.verify_submit')}</button></form>`
    : html`<p class="${p.issue ? 'errors' : 'msg'}">${p.issue ? t(lang, p.issue.key, p.issue.params) : requestState(lang, r)}</p>`}
<p class="links"><a href="${codeUrl(p.code, 'data', lang)}">${t(lang, 'citizen.data_title')}</a><a href="${codeUrl(p.code, 'status', lang)}">${t(lang, 'citizen.back_status')}</a></p>`;
  return shell(lang, title, body, { noindex: true });
}

export interface VerifiedPageInput {
  lang: Lang;
  code: string;
  unitName: string;
  request: PublicDataRequest;
  withdrawn: ConsentPurpose | null;
  data: HeldData | null;
}

function heldList(lang: Lang, d: HeldData): Html {
  const none = t(lang, 'citizen.none');
  const row = (key: string, value: string | null) => html`<dt>${t(lang, key)}</dt><dd>${value ?? none}</dd>`;
  return html`<section><h2>${t(lang, 'citizen.held_title')}</h2><dl>${row('citizen.field.full_name', d.fullName)}${row('citizen.field.phone', d.phone)}${row('citizen.field.email', d.email)}${row('citizen.field.address', d.address)}</dl>
${d.consents.length ? html`<ul>${d.consents.map((c) => html`<li>${CONSENT_PURPOSES.includes(c.purpose as ConsentPurpose) ? consentText(lang, c.purpose as ConsentPurpose, c.textVersion) : c.purpose} — ${t(lang, 'citizen.held_consent', { date: formatDate(dateVN(c.givenAt)), v: c.textVersion })}${c.withdrawnAt ? html` ${t(lang, 'citizen.held_withdrawn', { date: formatDate(dateVN(c.withdrawnAt)) })}` : ''}</li>`)}</ul>` : html`<p>${t(lang, 'citizen.held_no_consent')}</p>`}
<p>${t(lang, 'citizen.held_items', { codes: d.items.map((i) => formatTrackingCode(i.trackingCode)).join(', ') })}</p></section>`;
}

export function verifiedPage(p: VerifiedPageInput): string {
  const { lang, request: r } = p;
  const title = t(lang, 'citizen.verified_title');
  const message = p.withdrawn
    ? t(lang, 'citizen.withdrawn_done', { purpose: t(lang, `citizen.purpose.${p.withdrawn}`) })
    : t(lang, 'citizen.verified_due', { kind: t(lang, `citizen.dr.${r.kind}`), date: r.dueOn ? formatDate(r.dueOn) : '' });
  const body = html`${header(lang, title, p.unitName)}<p class="ok" role="status">${message}</p>${p.data ? heldList(lang, p.data) : ''}
<p class="links"><a href="${codeUrl(p.code, 'status', lang)}">${t(lang, 'citizen.back_status')}</a></p>`;
  return shell(lang, title, body, { noindex: true });
}
