// Paper on the campaign page: batches of printed sheets per unit (create, download the PDF, record where the
// batch is: handed out → returned → keyed) with their sheets counted by state; the share of sheets keyed twice;
// the sheets whose two keyings disagree, for a manager to resolve; and for token-mode campaigns the single-use
// cards (print a batch, issued / used per unit).
import { useState, type FormEvent } from 'react';
import { ApiError, request } from '../api.ts';
import { formatDateTime } from '../dates.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.ts';
import type { BatchState, CampaignDetail, PaperBatch, SheetState } from '../types.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { Link } from '../ui/Link.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { useFormat } from './format.ts';

const NEXT: Record<BatchState, BatchState | null> = { printed: 'handed_out', handed_out: 'returned', returned: 'keyed', keyed: null };
const SHEET_STATES: SheetState[] = ['printed', 'awaiting_second', 'disagreement', 'keyed'];
const WHOLE = /^\d+$/;

export function PaperTab({ campaign }: { campaign: CampaignDetail }) {
  const t = useT();
  const { me } = useSession();
  const paper = campaign.channels.includes('paper');
  return (
    <>
      {campaign.actions.length > 0 && paper && <DoubleEntry campaign={campaign} />}
      {me.can.manageSurveys && paper && <Disagreements campaign={campaign} />}
      {paper ? <Batches campaign={campaign} /> : <section className="panel"><p>{t('paper.channel_off')}</p></section>}
      {campaign.mode === 'token' && <TokenCards campaign={campaign} />}
    </>
  );
}

const unitName = (campaign: CampaignDetail, unitId: number) => campaign.participants.find((p) => p.unitId === unitId)?.name ?? `#${unitId}`;

function Batches({ campaign }: { campaign: CampaignDetail }) {
  const t = useT();
  const fmt = useFormat();
  const { me } = useSession();
  const { data, error, loading, reload } = useLoad(() => request<{ batches: PaperBatch[] }>('GET', `/api/campaigns/${campaign.id}/paper-batches`), [campaign.id]);
  const move = useSubmit();
  const [moved, setMoved] = useState<string | null>(null);

  const advance = (b: PaperBatch, to: BatchState) => void move.run(async () => {
    setMoved(null);
    await request('POST', `/api/paper-batches/${b.id}/state`, { state: to });
    setMoved(t('ui.paper.moved', { id: b.id, state: t(`ui.paper.batch_state.${to}`) }));
    reload();
  });

  return (
    <section className="panel paper-batches" aria-labelledby="batches-title">
      <h2 id="batches-title">{t('ui.paper.batches')}</h2>
      <p className="muted">{t('ui.paper.batches_help')}</p>
      {me.can.manageSurveys && campaign.state !== 'archived' && <CreateBatch campaign={campaign} onCreated={reload} />}
      <ErrorBanner error={error ?? move.error} />
      <Notice>{moved}</Notice>
      {loading && !data && <p role="status">{t('ui.loading')}</p>}
      {data && data.batches.length === 0 && <p className="muted">{t('ui.paper.no_batches')}</p>}
      {data && data.batches.length > 0 && (
        <div className="table-wrap">
          <table className="stack batches">
            <thead>
              <tr>
                <th scope="col">{t('ui.paper.batch')}</th><th scope="col">{t('ui.surveys.unit')}</th>
                <th scope="col" className="num">{t('ui.paper.sheet_count')}</th><th scope="col">{t('ui.paper.state')}</th>
                <th scope="col">{t('ui.paper.sheets_by_state')}</th><th scope="col">{t('ui.paper.created')}</th>
                <th scope="col"><span className="sr-only">{t('ui.paper.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {data.batches.map((b) => {
                const next = NEXT[b.state];
                return (
                  <tr key={b.id} data-batch={b.id}>
                    <th scope="row" data-label={t('ui.paper.batch')}>{t('ui.paper.batch_n', { id: b.id })}{b.note && <span className="hint"> — {b.note}</span>}</th>
                    <td data-label={t('ui.surveys.unit')}>{unitName(campaign, b.unitId)}</td>
                    <td data-label={t('ui.paper.sheet_count')} className="num">{fmt.int(b.sheetCount)}</td>
                    <td data-label={t('ui.paper.state')}><span className={`tag batch-${b.state}`} data-state={b.state}>{t(`ui.paper.batch_state.${b.state}`)}</span></td>
                    <td data-label={t('ui.paper.sheets_by_state')}>
                      <ul className="sheet-counts">
                        {SHEET_STATES.filter((s) => b.sheets[s]).map((s) => (
                          <li key={s} data-sheet-state={s}>{t(`ui.paper.sheet_state.${s}`)}: <strong>{fmt.int(b.sheets[s])}</strong></li>
                        ))}
                      </ul>
                    </td>
                    <td data-label={t('ui.paper.created')}>{formatDateTime(b.createdAt)}</td>
                    <td>
                      <div className="row-actions">
                        <a className="button-link small" href={`/api/paper-batches/${b.id}/pdf`} download={`phieu-${b.id}.pdf`}
                          aria-label={t('ui.paper.pdf_of', { id: b.id })}>{t('ui.paper.pdf')}</a>
                        {next && me.can.enterSurveys && (
                          <button type="button" className="small" disabled={move.busy} onClick={() => advance(b, next)}
                            aria-label={t('ui.paper.move_of', { id: b.id, state: t(`ui.paper.batch_state.${next}`) })}>
                            <span aria-hidden="true">→</span> {t(`ui.paper.move_to.${next}`)}
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CreateBatch({ campaign, onCreated }: { campaign: CampaignDetail; onCreated: () => void }) {
  const t = useT();
  const [unitId, setUnitId] = useState(campaign.participants.length === 1 ? String(campaign.participants[0]!.unitId) : '');
  const [count, setCount] = useState('');
  const [note, setNote] = useState('');
  const [created, setCreated] = useState<{ id: number; sheetCount: number } | null>(null);
  const { busy, error, run } = useSubmit();
  const errs = fieldErrors(error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      setCreated(null);
      const fields: Record<string, string> = {};
      if (!unitId) fields.unitId = t('validation.required');
      if (!WHOLE.test(count.trim())) fields.count = t('ui.surveys.whole_number');
      if (Object.keys(fields).length) throw new ApiError(400, 'validation', t('errors.validation'), fields);
      const r = await request<{ id: number; sheetCount: number }>('POST', `/api/campaigns/${campaign.id}/paper-batches`, {
        unitId: Number(unitId), count: Number(count.trim()), note: note.trim() || null,
      });
      setCreated(r);
      setCount('');
      setNote('');
      onCreated();
    });
  };

  return (
    <details className="create-box" open={campaign.participants.length <= 3 || undefined}>
      <summary>{t('ui.paper.create')}</summary>
      <form onSubmit={submit} noValidate aria-label={t('ui.paper.create')} className="batch-form">
        <ErrorBanner error={error} />
        <div className="form-grid">
          <SelectField label={t('ui.surveys.unit')} name="unitId" value={unitId} onChange={setUnitId} required error={errs.unitId}
            options={[{ value: '', label: t('ui.surveys.choose') }, ...campaign.participants.map((p) => ({ value: String(p.unitId), label: p.name ?? p.slug }))]} />
          <TextField label={t('ui.paper.count')} name="count" value={count} onChange={setCount} required error={errs.count} hint={t('ui.paper.count_hint')} />
          <TextField label={t('ui.paper.note')} name="note" value={note} onChange={setNote} error={errs.note} />
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>{busy ? t('ui.busy') : t('ui.paper.create_submit')}</button>
        </div>
      </form>
      {created && (
        <div role="status" className="alert ok" data-testid="batch-created">
          {t('ui.paper.created_note', { id: created.id, n: created.sheetCount })}{' '}
          <a href={`/api/paper-batches/${created.id}/pdf`} download={`phieu-${created.id}.pdf`}>{t('ui.paper.pdf_of', { id: created.id })}</a>
        </div>
      )}
    </details>
  );
}

/** The share of sheets keyed a second time by another clerk: 0 %, 10 %, 100 % or any number. */
function DoubleEntry({ campaign }: { campaign: CampaignDetail }) {
  const t = useT();
  const fmt = useFormat();
  const presets = ['0', '100', '1000'];
  const initial = campaign.doubleEntryPermille;
  const [choice, setChoice] = useState(initial === undefined ? '' : presets.includes(String(initial)) ? String(initial) : 'other');
  const [other, setOther] = useState(initial !== undefined && !presets.includes(String(initial)) ? String(initial / 10).replace('.', ',') : '');
  const [current, setCurrent] = useState<number | undefined>(initial);
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();
  const errs = fieldErrors(error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      setSaved(null);
      let permille: number;
      if (choice === 'other') {
        const pct = Number(other.trim().replace(',', '.').replace('%', ''));
        if (!other.trim() || !Number.isFinite(pct) || pct < 0 || pct > 100) throw new ApiError(400, 'validation', t('errors.validation'), { permille: t('ui.paper.rate_range') });
        permille = Math.round(pct * 10);
      } else if (choice) {
        permille = Number(choice);
      } else {
        throw new ApiError(400, 'validation', t('errors.validation'), { permille: t('validation.required') });
      }
      await request('PUT', `/api/campaigns/${campaign.id}/double-entry`, { permille });
      setCurrent(permille);
      setSaved(t('ui.paper.rate_saved', { rate: fmt.pct(permille / 1000) }));
    });
  };

  return (
    <section className="panel" aria-labelledby="double-title">
      <h2 id="double-title">{t('ui.paper.double_entry')}</h2>
      <p className="muted">{t('ui.paper.double_entry_help')}</p>
      {current !== undefined && <p data-testid="double-entry-current">{t('ui.paper.rate_current', { rate: fmt.pct(current / 1000) })}</p>}
      <form onSubmit={submit} noValidate className="double-entry-form" aria-labelledby="double-title">
        <ErrorBanner error={error} />
        <Notice>{saved}</Notice>
        <fieldset className="rate-choices">
          <legend>{t('ui.paper.rate')}</legend>
          {[['0', '0 %'], ['100', '10 %'], ['1000', '100 %']].map(([v, l]) => (
            <label key={v} className="radio"><input type="radio" name="rate" value={v} checked={choice === v} onChange={() => setChoice(v!)} /> {l}</label>
          ))}
          <label className="radio"><input type="radio" name="rate" value="other" checked={choice === 'other'} onChange={() => setChoice('other')} /> {t('ui.paper.rate_other')}</label>
          {choice === 'other' && (
            <span className="rate-other">
              <label htmlFor="rate-other" className="sr-only">{t('ui.paper.rate_other_label')}</label>
              <input id="rate-other" value={other} onChange={(e) => setOther(e.target.value)} inputMode="decimal" size={5}
                aria-invalid={errs.permille ? true : undefined} aria-describedby={errs.permille ? 'rate-err' : undefined} /> %
            </span>
          )}
        </fieldset>
        {errs.permille && <small id="rate-err" className="field-error">{errs.permille}</small>}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>{busy ? t('ui.busy') : t('ui.paper.rate_submit')}</button>
        </div>
      </form>
    </section>
  );
}

function Disagreements({ campaign }: { campaign: CampaignDetail }) {
  const t = useT();
  const { data, error } = useLoad(() => request<{ sheets: { sheetId: string; unitId: number }[] }>('GET', `/api/campaigns/${campaign.id}/disagreements`), [campaign.id]);
  return (
    <section className="panel" aria-labelledby="disagree-title">
      <h2 id="disagree-title">{t('ui.paper.disagreements')}</h2>
      <ErrorBanner error={error} />
      {data && data.sheets.length === 0 && <p className="muted">{t('ui.paper.no_disagreements')}</p>}
      {data && data.sheets.length > 0 && (
        <>
          <p>{t('ui.paper.disagreements_help', { n: data.sheets.length })}</p>
          <ul className="disagreements">
            {data.sheets.map((s) => (
              <li key={s.sheetId} data-sheet={s.sheetId}>
                <Link to={`/keying/resolve/${s.sheetId}`}><code>{s.sheetId}</code></Link> — {unitName(campaign, s.unitId)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function TokenCards({ campaign }: { campaign: CampaignDetail }) {
  const t = useT();
  const fmt = useFormat();
  const { me } = useSession();
  const { data, error, reload } = useLoad(() => request<{ units: { unitId: number; issued: number; used: number }[] }>('GET', `/api/campaigns/${campaign.id}/tokens`), [campaign.id]);
  const [unitId, setUnitId] = useState(campaign.participants.length === 1 ? String(campaign.participants[0]!.unitId) : '');
  const [count, setCount] = useState('');
  const [printed, setPrinted] = useState<string | null>(null);
  const { busy, error: submitError, run } = useSubmit();
  const errs = fieldErrors(submitError);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      setPrinted(null);
      const fields: Record<string, string> = {};
      if (!unitId) fields.unitId = t('validation.required');
      if (!WHOLE.test(count.trim())) fields.count = t('ui.surveys.whole_number');
      if (Object.keys(fields).length) throw new ApiError(400, 'validation', t('errors.validation'), fields);
      // The PDF is the answer to the POST (the cards' tokens are not kept): fetched as bytes, then saved.
      const res = await fetch(`/api/campaigns/${campaign.id}/token-batches`, {
        method: 'POST', credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/pdf, application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ unitId: Number(unitId), count: Number(count.trim()) }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string; fields?: Record<string, string> };
        throw new ApiError(res.status, body.code ?? 'internal', body.message ?? '', body.fields ?? {});
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'the.pdf';
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10000);
      setPrinted(t('ui.paper.cards_done', { n: fmt.int(Number(count.trim())), file: name }));
      setCount('');
      reload();
    });
  };

  return (
    <section className="panel" aria-labelledby="cards-title">
      <h2 id="cards-title">{t('ui.paper.cards')}</h2>
      <p className="muted">{t('ui.paper.cards_help')}</p>
      <ErrorBanner error={error} />
      {me.can.manageSurveys && (
        <form onSubmit={submit} noValidate aria-label={t('ui.paper.cards_print')}>
          <ErrorBanner error={submitError} />
          <Notice>{printed}</Notice>
          <div className="form-grid">
            <SelectField label={t('ui.surveys.unit')} name="cardUnit" value={unitId} onChange={setUnitId} required error={errs.unitId}
              options={[{ value: '', label: t('ui.surveys.choose') }, ...campaign.participants.map((p) => ({ value: String(p.unitId), label: p.name ?? p.slug }))]} />
            <TextField label={t('ui.paper.cards_count')} name="cardCount" value={count} onChange={setCount} required error={errs.count} />
          </div>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>{busy ? t('ui.busy') : t('ui.paper.cards_print')}</button>
          </div>
        </form>
      )}
      {data && data.units.length > 0 && (
        <table className="cards-table">
          <thead><tr><th scope="col">{t('ui.surveys.unit')}</th><th scope="col" className="num">{t('ui.paper.cards_issued')}</th><th scope="col" className="num">{t('ui.paper.cards_used')}</th></tr></thead>
          <tbody>
            {data.units.map((u) => (
              <tr key={u.unitId}><th scope="row">{unitName(campaign, u.unitId)}</th><td className="num">{fmt.int(u.issued)}</td><td className="num">{fmt.int(u.used)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.units.length === 0 && <p className="muted">{t('ui.paper.no_cards')}</p>}
    </section>
  );
}
