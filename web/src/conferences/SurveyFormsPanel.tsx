// The satisfaction forms handed out at the conference: the online form's QR code to project in the hall, and the
// paper batch(es) of the campaign tied to this conference — pick a printed batch of the unit or print a new one —
// with how many sheets went out and how many have come back keyed.
import { useState } from 'react';
import { request } from '../api.ts';
import { useT } from '../i18n.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { Qr } from './Qr.tsx';
import { LooseFieldErrors } from './bits.tsx';
import type { Conference } from './model.ts';

interface Batch {
  id: number;
  unitId: number;
  sheetCount: number;
  state: string;
  conferenceId: number | null;
  sheets: Record<string, number>;
}

export function SurveyFormsPanel({ conference: c, onChanged }: { conference: Conference; onChanged: () => void }) {
  const t = useT();
  const canPlan = c.allowed.includes('plan') && c.state !== 'cancelled';
  const batches = useLoad(() => (c.campaignId === null ? Promise.resolve({ batches: [] as Batch[] })
    : request<{ batches: Batch[] }>('GET', `/api/campaigns/${c.campaignId}/paper-batches`)), [c.campaignId, c.id]);
  const [pick, setPick] = useState('');
  const [count, setCount] = useState('50');
  const action = useSubmit();

  if (c.campaignId === null) {
    return (
      <section className="conf-forms" aria-labelledby="conf-forms-title">
        <h3 id="conf-forms-title">{t('ui.conf.forms.title')}</h3>
        <p className="hint">{t('ui.conf.forms.no_campaign')}</p>
      </section>
    );
  }
  const own = (batches.data?.batches ?? []).filter((b) => b.unitId === c.unitId);
  const linked = own.filter((b) => b.conferenceId === c.id);
  const free = own.filter((b) => b.conferenceId === null);
  const link = (batchId: number) => request('POST', `/api/conferences/${c.id}/paper-batch`, { batchId });
  const done = () => {
    batches.reload();
    onChanged();
  };

  return (
    <section className="conf-forms" aria-labelledby="conf-forms-title">
      <h3 id="conf-forms-title">{t('ui.conf.forms.title')}</h3>
      {c.urls.surveyQr && <Qr url={`${window.location.origin}${c.urls.surveyQr}`} label={t('ui.conf.forms.qr_alt')} size={160} />}
      <p data-testid="conf-forms-counts">{t('ui.conf.forms.counts', { out: c.counts.formsHandedOut, back: c.counts.formsReturned })}</p>
      {linked.length > 0 && (
        <ul className="conf-forms-batches">
          {linked.map((b) => (
            <li key={b.id}>
              {t('ui.paper.batch_n', { id: b.id })} · {t('ui.conf.forms.sheets', { n: b.sheetCount })} · {t(`ui.paper.batch_state.${b.state}`)}{' '}
              <a href={`/api/paper-batches/${b.id}/pdf`} target="_blank" rel="noreferrer">PDF</a>
            </li>
          ))}
        </ul>
      )}
      <ErrorBanner error={action.error} />
      <LooseFieldErrors error={action.error} names={['batchId', 'count', 'unitId']} />
      {canPlan && free.length > 0 && (
        <div className="conf-forms-row">
          <label htmlFor="conf-batch-pick">{t('ui.conf.forms.pick')}</label>
          <select id="conf-batch-pick" value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">—</option>
            {free.map((b) => <option key={b.id} value={b.id}>{t('ui.paper.batch_n', { id: b.id })} ({t('ui.conf.forms.sheets', { n: b.sheetCount })})</option>)}
          </select>
          <button type="button" disabled={!pick || action.busy} onClick={() => void action.run(async () => {
            await link(Number(pick));
            setPick('');
            done();
          })}>{t('ui.conf.forms.link')}</button>
        </div>
      )}
      {canPlan && (
        <div className="conf-forms-row">
          <label htmlFor="conf-batch-count">{t('ui.conf.forms.new_count')}</label>
          <input id="conf-batch-count" inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} size={5} />
          <button type="button" disabled={action.busy} onClick={() => void action.run(async () => {
            const b = await request<{ id: number }>('POST', `/api/campaigns/${c.campaignId}/paper-batches`, { unitId: c.unitId, count: Number(count) });
            await link(b.id);
            done();
          })}>{t('ui.conf.forms.new')}</button>
        </div>
      )}
    </section>
  );
}
