// Check-in at the door, made for a tablet: a big search box that filters by name as one types (tones and case
// ignored), one large button per delegate to tick or untick, the live count "Có mặt 23/40", the QR code of the
// walk-in self check-in with its open/close switch, and the satisfaction forms (the online form's QR code, the
// paper batch). The list is re-read every 15 s (self check-ins).
import { useEffect, useMemo, useState } from 'react';
import { request } from '../api.ts';
import { fold, formatDateTime } from '../dates.ts';
import { useT } from '../i18n.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { Qr } from './Qr.tsx';
import { SurveyFormsPanel } from './SurveyFormsPanel.tsx';
import { LooseFieldErrors } from './bits.tsx';
import type { Conference, Delegate } from './model.ts';

export function CheckinTab({ conference: c, onChanged }: { conference: Conference; onChanged: () => void }) {
  const t = useT();
  const list = useLoad(() => request<{ delegates: Delegate[] }>('GET', `/api/conferences/${c.id}/delegates`), [c.id]);
  const [local, setLocal] = useState<Record<number, string | null>>({});
  const [q, setQ] = useState('');
  const act = useSubmit();
  const toggle = useSubmit();
  const canRun = c.allowed.includes('run') || c.allowed.includes('plan');
  useEffect(() => {
    const timer = window.setInterval(() => list.reload(), 15000);
    return () => window.clearInterval(timer);
  }, [list.reload]);
  useEffect(() => setLocal({}), [list.data]);

  const delegates = useMemo(() => (list.data?.delegates ?? []).map((d) => (d.id in local ? { ...d, checkedInAt: local[d.id]! } : d)), [list.data, local]);
  const present = delegates.filter((d) => d.checkedInAt).length;
  const needle = fold(q.trim());
  const shown = needle ? delegates.filter((d) => fold(`${d.fullName} ${d.title ?? ''} ${d.organisation ?? ''} ${d.village ?? ''}`).includes(needle)) : delegates;

  const tick = (d: Delegate) => {
    const present = !d.checkedInAt;
    setLocal((m) => ({ ...m, [d.id]: present ? new Date().toISOString() : null }));
    void act.run(async () => {
      try {
        await request('POST', `/api/conferences/${c.id}/checkin`, { delegateId: d.id, present });
      } catch (e) {
        setLocal((m) => ({ ...m, [d.id]: d.checkedInAt }));
        throw e;
      }
      onChanged();
    });
  };
  const setOpen = (open: boolean) => void toggle.run(async () => {
    await request('POST', `/api/conferences/${c.id}/checkin-open`, { open });
    onChanged();
  });
  const checkinUrl = new URL(c.urls?.checkin ?? `/hn/${c.publicCode}/diem-danh`, window.location.origin).href;

  return (
    <div className="conf-checkin">
      <div className="conf-checkin-main">
        <p className="conf-counter" role="status" aria-live="polite" data-testid="checkin-counter">
          {t('ui.conf.checkin.counter', { n: present, total: delegates.length })}
        </p>
        <div className="conf-checkin-search">
          <label htmlFor="conf-checkin-q">{t('ui.conf.checkin.search')}</label>
          <input id="conf-checkin-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off"
            placeholder={t('ui.conf.checkin.search_placeholder')}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && shown.length === 1 && canRun) {
                e.preventDefault();
                tick(shown[0]!);
                setQ('');
              }
            }} />
          <small className="hint">{t('ui.conf.checkin.search_hint')}</small>
        </div>
        <ErrorBanner error={list.error ?? act.error} />
        <LooseFieldErrors error={act.error} names={['delegateId', 'state']} />
        {list.loading && !list.data && <p role="status">{t('ui.loading')}</p>}
        {list.data && delegates.length === 0 && <p className="muted">{t('ui.conf.checkin.no_delegates')}</p>}
        {list.data && delegates.length > 0 && shown.length === 0 && <p className="muted">{t('ui.conf.checkin.no_match')}</p>}
        <ul className="conf-checkin-list" aria-label={t('ui.conf.checkin.list')}>
          {shown.map((d) => (
            <li key={d.id}>
              <button type="button" className={`conf-checkin-item${d.checkedInAt ? ' on' : ''}`} aria-pressed={!!d.checkedInAt} disabled={!canRun}
                onClick={() => tick(d)} data-delegate={d.id}>
                <span className="conf-checkin-box" aria-hidden="true">{d.checkedInAt ? '✓' : ''}</span>
                <span className="conf-checkin-text">
                  <span className="conf-checkin-name">{d.fullName}</span>
                  <span className="conf-checkin-sub">{[d.title, d.organisation, d.village].filter(Boolean).join(' · ')}</span>
                </span>
                <span className="conf-checkin-state">
                  {d.checkedInAt ? `${t('ui.conf.checkin.present')} ${formatDateTime(d.checkedInAt).slice(11)}` : t('ui.conf.checkin.absent')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <aside className="conf-checkin-side" aria-labelledby="conf-self-title">
        <h3 id="conf-self-title">{t('ui.conf.checkin.self_title')}</h3>
        <p className="hint">{t('ui.conf.checkin.self_hint')}</p>
        <Qr url={checkinUrl} label={t('ui.conf.checkin.qr_alt')} testId="checkin-qr" />
        <p className={`conf-self-state${c.checkinOpen ? ' on' : ''}`} data-testid="self-checkin-state">
          {c.checkinOpen ? t('ui.conf.checkin.self_open') : t('ui.conf.checkin.self_closed')}
        </p>
        <ErrorBanner error={toggle.error} />
        <LooseFieldErrors error={toggle.error} names={['open', 'state']} />
        {canRun && (
          <button type="button" className={c.checkinOpen ? '' : 'primary'} onClick={() => setOpen(!c.checkinOpen)} disabled={toggle.busy}>
            {c.checkinOpen ? t('ui.conf.checkin.close') : t('ui.conf.checkin.open')}
          </button>
        )}
        <SurveyFormsPanel conference={c} onChanged={onChanged} />
      </aside>
    </div>
  );
}
