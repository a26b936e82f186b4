// A disagreement between two keyings of one sheet, for a manager: both keyings side by side, the questions
// where they differ highlighted (and marked in words), and the answer read from the paper chosen per question.
// Where both agree the answer is taken as keyed; where they differ it must be chosen. Saving stores the
// response once (POST /api/paper-sheets/:id/resolve).
import { useMemo, useState, type FormEvent } from 'react';
import { ApiError, request } from '../api.ts';
import { useT } from '../i18n.ts';
import type { AnswerInput, KeyingStatus, PaperSheet } from '../types.ts';
import { ErrorBanner, fieldErrors } from '../ui/Alert.tsx';
import { Link } from '../ui/Link.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { useFormat } from '../surveys/format.ts';
import { answerText, isChoice, keyedQuestions, payload, visibleIds, type Answers, type KeyedQuestion } from './model.ts';

const STATUSES: KeyingStatus[] = ['valid', 'blank', 'spoiled'];
const NONE = '-';

type Raw = string | number | string[] | undefined;
const norm = (a: Raw): AnswerInput | undefined => (a === undefined ? undefined : Array.isArray(a) ? [...a].sort() : String(a));
const same = (a: Raw, b: Raw) => JSON.stringify(norm(a) ?? null) === JSON.stringify(norm(b) ?? null);

export function ResolveScreen({ sheetId }: { sheetId: string }) {
  const t = useT();
  const { data: sheet, error, loading } = useLoad(() => request<PaperSheet>('GET', `/api/paper-sheets/${encodeURIComponent(sheetId)}`), [sheetId]);
  return (
    <div className="resolve">
      <section className="panel" aria-labelledby="resolve-title">
        {sheet && <BackToCampaign sheet={sheet} />}
        <h1 id="resolve-title">{t('ui.keying.resolve_title', { id: sheetId })}</h1>
        <ErrorBanner error={error} />
        {loading && !sheet && <p role="status">{t('ui.loading')}</p>}
        {sheet && (sheet.state !== 'disagreement' || sheet.keyings.length < 2
          ? <p className="alert ok" role="status">{t('paper.no_disagreement')}</p>
          : <ResolveForm sheet={sheet} />)}
      </section>
    </div>
  );
}

function BackToCampaign({ sheet }: { sheet: PaperSheet }) {
  const t = useT();
  return <p className="back"><Link to={`/surveys/campaigns/${sheet.campaignId}/paper`}>← {t('ui.paper.back_to_campaign', { name: sheet.campaignName })}</Link></p>;
}

function ResolveForm({ sheet }: { sheet: PaperSheet }) {
  const t = useT();
  const fmt = useFormat();
  const all = useMemo(() => keyedQuestions(sheet.definition), [sheet.definition]);
  const [k1, k2] = [sheet.keyings.find((k) => k.round === 1)!, sheet.keyings.find((k) => k.round === 2)!];
  const differs = (id: string) => !same(k1.answers[id], k2.answers[id]);
  // Agreed answers are taken as keyed; differing ones start empty and must be chosen.
  const [status, setStatus] = useState<KeyingStatus | ''>(k1.status === k2.status ? k1.status : '');
  const [answers, setAnswers] = useState<Answers>(() => {
    const a: Answers = {};
    for (const kq of all) {
      const v = norm(k1.answers[kq.q.id]);
      if (!differs(kq.q.id) && v !== undefined) a[kq.q.id] = v;
    }
    return a;
  });
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const { busy, error, run } = useSubmit();
  const [done, setDone] = useState(false);
  const errs = fieldErrors(error);
  const shown = new Set(visibleIds(all, answers));
  const diffCount = all.filter((kq) => differs(kq.q.id)).length + (k1.status !== k2.status ? 1 : 0);

  const set = (id: string, v: AnswerInput) => {
    setAnswers((a) => ({ ...a, [id]: v }));
    setTouched((s) => new Set(s).add(id));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const fields: Record<string, string> = {};
      if (!status) fields.status = t('ui.keying.choose_result');
      if (status === 'valid') for (const kq of all) if (differs(kq.q.id) && shown.has(kq.q.id) && !touched.has(kq.q.id)) fields[kq.q.id] = t('ui.keying.choose_result');
      if (Object.keys(fields).length) throw new ApiError(400, 'validation', t('ui.keying.choose_all'), fields);
      const clean: Answers = {};
      for (const [k, v] of Object.entries(answers)) if (v !== NONE) clean[k] = v;
      await request('POST', `/api/paper-sheets/${encodeURIComponent(sheet.sheetId)}/resolve`, { status, answers: status === 'valid' ? payload(all, clean) : {} });
      setDone(true);
    });
  };

  if (done) {
    return <p className="alert ok" role="status" data-testid="resolve-done">{t('ui.keying.resolved', { id: sheet.sheetId })}</p>;
  }

  const statusLabel = (s: KeyingStatus) => t(`ui.keying.status_${s}`);
  return (
    <form onSubmit={submit} noValidate aria-label={t('ui.keying.resolve_title', { id: sheet.sheetId })}>
      <p className="muted">{sheet.unitName} · {sheet.campaignName}</p>
      <p>{t('ui.keying.resolve_help', { n: diffCount })}</p>
      <ErrorBanner error={error} />
      <div className="table-wrap">
        <table className="resolve-table">
          <thead>
            <tr>
              <th scope="col">{t('ui.keying.question')}</th>
              <th scope="col">{t('ui.keying.round_n', { n: 1 })}</th>
              <th scope="col">{t('ui.keying.round_n', { n: 2 })}</th>
              <th scope="col">{t('ui.keying.result')}</th>
            </tr>
          </thead>
          <tbody>
            <tr className={k1.status !== k2.status ? 'differs' : undefined} data-q="status">
              <th scope="row">{t('ui.keying.sheet_status')}{k1.status !== k2.status && <span className="tag tag-diff">{t('ui.keying.differs')}</span>}</th>
              <td>{statusLabel(k1.status)}</td>
              <td>{statusLabel(k2.status)}</td>
              <td>
                <select aria-label={t('ui.keying.sheet_status')} value={status} aria-invalid={errs.status ? true : undefined}
                  onChange={(e) => setStatus(e.target.value as KeyingStatus)}>
                  {!status && <option value="">{t('ui.keying.choose')}</option>}
                  {STATUSES.map((s) => <option key={s} value={s}>{statusLabel(s)}</option>)}
                </select>
                {errs.status && <small className="field-error">{errs.status}</small>}
              </td>
            </tr>
            {all.map((kq) => (
              <ResolveRow key={kq.q.id} kq={kq} differs={differs(kq.q.id)} shown={shown.has(kq.q.id) && status === 'valid'}
                a1={k1.answers[kq.q.id]} a2={k2.answers[kq.q.id]} value={answers[kq.q.id]} error={errs[kq.q.id]}
                onChange={(v) => set(kq.q.id, v)} lang={fmt.lang} label={`${kq.number}. ${fmt.local(kq.q.label)}`} />
            ))}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t('ui.busy') : t('ui.keying.resolve_submit')}</button>
      </div>
    </form>
  );
}

function ResolveRow({ kq, differs, shown, a1, a2, value, error, onChange, lang, label }: {
  kq: KeyedQuestion; differs: boolean; shown: boolean; a1: Raw; a2: Raw; value: AnswerInput | undefined; error?: string;
  onChange: (v: AnswerInput) => void; lang: 'vi' | 'en'; label: string;
}) {
  const t = useT();
  const shownText = (a: Raw) => answerText(kq, norm(a), lang) || '—';
  let control;
  if (!shown) control = <span className="muted">{t('ui.keying.skipped')}</span>;
  else if (kq.q.type === 'multiple') {
    const cur = Array.isArray(value) ? value : [];
    control = (
      <fieldset className="resolve-multi">
        <legend className="sr-only">{label}</legend>
        {kq.options.map((o) => (
          <label key={o.code}>
            <input type="checkbox" checked={cur.includes(o.code)} onChange={(e) => onChange(e.target.checked ? [...cur, o.code] : cur.filter((c) => c !== o.code))} />
            {' '}{o.key} · {lang === 'en' && o.label.en ? o.label.en : o.label.vi}
          </label>
        ))}
      </fieldset>
    );
  } else if (isChoice(kq.q)) {
    control = (
      <select aria-label={label} value={typeof value === 'string' ? value : ''} aria-invalid={error ? true : undefined} onChange={(e) => onChange(e.target.value)}>
        <option value="" disabled={differs}>{differs ? t('ui.keying.choose') : t('ui.keying.no_answer')}</option>
        {differs && <option value={NONE}>{t('ui.keying.no_answer')}</option>}
        {kq.options.map((o) => <option key={o.code} value={o.code}>{o.key} · {lang === 'en' && o.label.en ? o.label.en : o.label.vi}</option>)}
      </select>
    );
  } else {
    control = <input type="text" aria-label={label} value={typeof value === 'string' ? value : ''} aria-invalid={error ? true : undefined} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <tr className={differs ? 'differs' : undefined} data-q={kq.q.id}>
      <th scope="row">{label}{differs && <span className="tag tag-diff">{t('ui.keying.differs')}</span>}</th>
      <td data-round="1">{shownText(a1)}</td>
      <td data-round="2">{shownText(a2)}</td>
      <td>{control}{error && <small className="field-error">{error}</small>}</td>
    </tr>
  );
}
