// The citizen's survey form, server-rendered: works with JavaScript off, on a 320 px screen, with large
// text. With JavaScript (/s/assets/form.js) it shows one question at a time on small screens, keeps a
// draft in the browser and queues submissions made offline.
import { conditions, questionsOf, scaleOf, type Question, type Questionnaire, type LocalText } from '../../core/surveys/questionnaire.ts';
import { describeExpr } from '../../core/surveys/describe.ts';
import type { FieldIssue } from '../../core/errors.ts';
import { t, type Lang } from '../../i18n/index.ts';
import { html, problemBox, raw, type Html } from './html.ts';
import { FORM_CSS } from './survey-css.ts';

export interface FormPageInput {
  lang: Lang;
  slug: string;
  unitName: string;
  campaignName: string;
  form: Questionnaire;
  clientKey: string;
  /** For token campaigns: the card's token, carried through the form. */
  token?: string | null;
  values?: Record<string, string | string[]>;
  issues?: Record<string, FieldIssue>;
  /** Why the whole form was refused for now (the system is overloaded), shown above it. */
  problem?: string;
}

const tx = (lang: Lang, s: LocalText | undefined) => (s ? (lang === 'en' && s.en ? s.en : s.vi) : '');

export function page(lang: Lang, title: string, body: Html, opts: { script?: boolean } = {}): string {
  return html`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>${raw(FORM_CSS)}</style></head><body><main>${body}</main>${opts.script ? raw('<script src="/s/assets/form.js" defer></script>') : ''}</body></html>`.value;
}

function choiceInputs(q: Question, type: 'radio' | 'checkbox', options: { code: string; label: string }[], values: string[], describedBy: string) {
  return options.map((o) => html`<label class="opt"><input type="${type}" name="${q.id}" value="${o.code}"${values.includes(o.code) ? raw(' checked') : ''} aria-describedby="${describedBy}"> <span>${o.label}</span></label>`);
}

function questionHtml(input: FormPageInput, q: Question, condition: string | null, n: number): Html {
  const { lang, form } = input;
  const value = input.values?.[q.id];
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const issue = input.issues?.[q.id];
  const errId = `e-${q.id}`;
  const hintId = `h-${q.id}`;
  const label = html`<span class="n">${n}.</span> ${tx(lang, q.label)}${q.required ? html` <span class="req" aria-hidden="true">*</span>` : ''}`;
  const extra = html`${q.hint ? html`<span class="hint" id="${hintId}">${tx(lang, q.hint)}</span>` : ''}${condition ? html`<span class="cond">${t(lang, 'form.only_if')} ${condition}</span>` : ''}${issue ? html`<span class="err" id="${errId}">${t(lang, issue.key, issue.params)}</span>` : ''}`;
  const describedBy = [issue ? errId : '', q.hint ? hintId : ''].filter(Boolean).join(' ');
  const rel = condition ? html` data-rel="${JSON.stringify(conditions(form).get(q.id))}"` : '';
  const cls = `q${issue ? ' has-err' : ''}`;
  const req = q.required ? raw(' data-req="1"') : '';
  if (q.type === 'note') return html`<div class="${cls} note" id="q-${q.id}"${rel}><p>${label}</p>${extra}</div>`;
  if (q.type === 'single' || q.type === 'multiple' || q.type === 'rating') {
    const options = q.type === 'rating'
      ? (() => { const s = scaleOf(form, q)!; return [...s.levels, ...(s.noOpinion ? [s.noOpinion] : [])]; })()
      : q.choices ?? [];
    return html`<fieldset class="${cls}" id="q-${q.id}"${rel}${req}><legend>${label}</legend>${extra}<div class="opts">${choiceInputs(q, q.type === 'multiple' ? 'checkbox' : 'radio', options.map((o) => ({ code: o.code, label: tx(lang, o.label) })), values, describedBy)}</div></fieldset>`;
  }
  const v = values[0] ?? '';
  const field = q.type === 'long_text'
    ? html`<textarea id="i-${q.id}" name="${q.id}" rows="4" maxlength="${q.maxLength ?? 2000}" aria-describedby="${describedBy}">${v}</textarea>`
    : html`<input id="i-${q.id}" name="${q.id}" value="${v}" ${q.type === 'text' ? html`maxlength="${q.maxLength ?? 200}"` : raw(`inputmode="${q.type === 'integer' ? 'numeric' : 'decimal'}"`)} aria-describedby="${describedBy}">`;
  return html`<div class="${cls}" id="q-${q.id}"${rel}${req}><label for="i-${q.id}">${label}</label>${extra}${field}</div>`;
}

export function surveyFormPage(input: FormPageInput): string {
  const { lang, form } = input;
  const conds = conditions(form);
  const issues = Object.entries(input.issues ?? {});
  const questions = questionsOf(form);
  let n = 0;
  const summary = input.problem
    ? problemBox(input.problem)
    : issues.length
    ? html`<div class="errors" role="alert" tabindex="-1" id="errors"><h2>${t(lang, 'form.check_answers', { n: issues.length })}</h2><ul>${issues.map(([id, issue]) => {
      const q = questions.find((x) => x.id === id);
      return html`<li><a href="#q-${id}">${q ? tx(lang, q.label) : id}: ${t(lang, issue.key, issue.params)}</a></li>`;
    })}</ul></div>`
    : '';
  const strings = JSON.stringify(Object.fromEntries(['next', 'back', 'progress', 'saved_offline', 'busy', 'sending', 'closed', 'required', 'send_failed', 'submit'].map((k) => [k, t(lang, `form.js.${k}`)])));
  const other = lang === 'vi' ? 'en' : 'vi';
  const body = html`<header><p class="unit">${input.unitName}</p><h1>${tx(lang, form.title)}</h1><p class="camp">${input.campaignName}</p>${form.intro ? html`<p>${tx(lang, form.intro)}</p>` : ''}<p class="meta">${t(lang, 'form.anonymous')} <a href="?lang=${other}" lang="${other}">${t(other, 'form.switch_lang')}</a></p></header>${summary}
<form method="post" action="/s/${input.slug}${lang === 'en' ? '?lang=en' : ''}" novalidate id="f" data-slug="${input.slug}" data-t="${strings}"><input type="hidden" name="_k" value="${input.clientKey}">${input.token ? html`<input type="hidden" name="_t" value="${input.token}">` : ''}
${form.sections.map((s) => html`<section><h2>${tx(lang, s.title)}</h2>${s.questions.map((q) => {
    n++;
    const c = conds.get(q.id);
    return questionHtml(input, q, c ? describeExpr(form, c, lang) : null, n);
  })}</section>`)}
<p class="req-note"><span class="req">*</span> ${t(lang, 'form.required_note')}</p><button type="submit" class="send">${t(lang, 'form.js.submit')}</button><p id="status" role="status" aria-live="polite"></p></form>`;
  return page(lang, `${tx(lang, form.title)} — ${input.unitName}`, body, { script: true });
}

/** A short page for the citizen: thanks, closed campaign, not found, reused token. */
export function messagePage(lang: Lang, title: string, text: string, unitName?: string): string {
  return page(lang, title, html`<header>${unitName ? html`<p class="unit">${unitName}</p>` : ''}<h1>${title}</h1></header><p class="msg">${text}</p>`);
}
