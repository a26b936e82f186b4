// The state changes the server allows now (campaign.actions), each confirmed; reopening a closed campaign
// asks for the reason, which the audit trail keeps.
import { useState, type FormEvent } from 'react';
import { ApiError, request } from '../api.ts';
import { useT } from '../i18n.ts';
import type { CampaignAction, CampaignDetail } from '../types.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { TextField } from '../ui/Field.tsx';
import { useSubmit } from '../ui/useAsync.ts';

export function CampaignActions({ campaign, onChanged }: { campaign: CampaignDetail; onChanged: () => void }) {
  const t = useT();
  const { busy, error, run } = useSubmit();
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const errs = fieldErrors(error);
  if (!campaign.actions.length && !done) return null;

  const act = (action: CampaignAction, why?: string) => run(async () => {
    setDone(null);
    if (action === 'reopen' && !why?.trim()) throw new ApiError(400, 'validation', t('errors.validation'), { reason: t('validation.required') });
    if (!window.confirm(t(`ui.surveys.confirm.${action}`, { name: campaign.name }))) return;
    await request('POST', `/api/campaigns/${campaign.id}/transition`, { action, reason: why ?? null });
    setReopening(false);
    setReason('');
    setDone(t(`ui.surveys.done.${action}`));
    onChanged();
  });
  const submitReopen = (e: FormEvent) => {
    e.preventDefault();
    void act('reopen', reason);
  };

  return (
    <div className="campaign-actions">
      <ErrorBanner error={error} />
      <Notice>{done}</Notice>
      <div className="form-actions">
        {campaign.actions.map((a) => (
          <button key={a} type="button" className={a === 'open' || a === 'reopen' ? 'primary' : a === 'close' ? 'danger' : undefined}
            disabled={busy || (a === 'reopen' && reopening)}
            onClick={() => (a === 'reopen' ? setReopening(true) : void act(a))}>
            {t(`ui.surveys.action.${a}`)}
          </button>
        ))}
      </div>
      {reopening && (
        <form onSubmit={submitReopen} noValidate className="reopen-form" aria-label={t('ui.surveys.action.reopen')}>
          <TextField label={t('ui.surveys.reopen_reason')} name="reason" value={reason} onChange={setReason} required multiline
            hint={t('ui.surveys.reopen_hint')} error={errs.reason} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>{t('ui.surveys.reopen_submit')}</button>
            <button type="button" onClick={() => setReopening(false)}>{t('ui.surveys.cancel')}</button>
          </div>
        </form>
      )}
    </div>
  );
}
