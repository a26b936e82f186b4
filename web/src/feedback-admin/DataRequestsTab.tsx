// Data-subject requests (see, correct, delete, restrict, object) verified by the citizen, for the units where the
// user may see contact details: the soonest due first, two working days each; an overdue one says so in words.
import { useState } from 'react';
import { qs, request } from '../api.ts';
import { formatDate, formatDateTime } from '../dates.ts';
import { useT, type Translate } from '../i18n.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { SelectField } from '../ui/Field.tsx';
import { Link } from '../ui/Link.tsx';
import { useLoad } from '../ui/useAsync.ts';
import { formatTrackingCode, type DataRequestRow, type DataRequestState } from './model.ts';
import { FEEDBACK_ADMIN } from './paths.ts';

const PAGE = 50;

/** "còn 2 ngày làm việc" / "hạn hôm nay" / "quá hạn 1 ngày làm việc". */
export function dueText(t: Translate, overdue: boolean, left: number | null): string {
  if (left === null) return '';
  if (overdue || left < 0) return t('ui.fbadmin.dr.days_over', { n: Math.max(1, -left) });
  if (left === 0) return t('ui.fbadmin.dr.due_today');
  return t('ui.fbadmin.dr.days_left', { n: left });
}

export function DataRequestsTab() {
  const t = useT();
  const [state, setState] = useState<DataRequestState>('open');
  const [offset, setOffset] = useState(0);
  const list = useLoad(() => request<{ requests: DataRequestRow[]; hasMore: boolean }>('GET', `/api/feedback-data-requests${qs({ state, offset, limit: PAGE })}`), [state, offset]);
  const rows = list.data?.requests ?? [];
  const overdue = rows.filter((r) => r.overdue).length;

  return (
    <div className="fba-dr">
      <p className="hint">{t('ui.fbadmin.dr.intro')}</p>
      <p className="alert warn">{t('ui.fbadmin.dr.logged_note')}</p>
      <div className="fba-dr-filter">
        <SelectField label={t('ui.fbadmin.dr.state')} value={state} onChange={(v) => {
          setOffset(0);
          setState(v as DataRequestState);
        }} options={(['open', 'done', 'refused'] as const).map((s) => ({ value: s, label: t(`ui.fbadmin.dr.state.${s}`) }))} />
      </div>
      <ErrorBanner error={list.error} />
      {list.loading && !list.data && <p role="status">{t('ui.loading')}</p>}
      {list.data && (
        <>
          <p className="fba-count" role="status">
            {t('ui.fbadmin.dr.count', { n: rows.length })}
            {state === 'open' && overdue > 0 && <strong className="fba-overdue-text"> · {t('ui.fbadmin.dr.overdue_count', { n: overdue })}</strong>}
          </p>
          {rows.length > 0 && (
            <div className="table-wrap">
              <table className="stack fba-dr-table">
                <caption className="sr-only">{t('ui.fbadmin.dr.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('ui.fbadmin.dr.kind')}</th>
                    <th scope="col">{t('ui.fbadmin.dr.item')}</th>
                    <th scope="col">{t('ui.fbadmin.unit')}</th>
                    <th scope="col">{t('ui.fbadmin.dr.received')}</th>
                    <th scope="col">{state === 'open' ? t('ui.fbadmin.dr.due') : t('ui.fbadmin.dr.answered')}</th>
                    <th scope="col"><span className="sr-only">{t('ui.fbadmin.actions')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id} data-request={r.id} className={r.overdue ? 'fba-row-overdue' : undefined}>
                      <th scope="row">
                        {t(`ui.fbadmin.dr.kind.${r.kind}`)}
                        {r.withdraw && <span className="fba-sub">{t('ui.fbadmin.dr.withdraw', { purpose: t(`ui.feedback.consent.${r.withdraw}`) })}</span>}
                      </th>
                      <td data-label={t('ui.fbadmin.dr.item')}>
                        <Link to={`/feedback/${r.itemId}`} className="nowrap">{t('ui.fbadmin.dr.register', { no: r.register.no, year: r.register.year })}</Link>
                        <code className="fba-sub">{formatTrackingCode(r.trackingCode)}</code>
                      </td>
                      <td data-label={t('ui.fbadmin.unit')}>{r.unitName}</td>
                      <td data-label={t('ui.fbadmin.dr.received')} className="nowrap">{formatDateTime(r.receivedAt)}</td>
                      <td data-label={state === 'open' ? t('ui.fbadmin.dr.due') : t('ui.fbadmin.dr.answered')}>
                        {state === 'open' ? (
                          <span className="fba-due" data-overdue={r.overdue || undefined}>
                            <span className="nowrap">{r.dueOn ? formatDate(r.dueOn) : '—'}</span>
                            {r.overdue && <span className="tag fba-overdue">{t('ui.fbadmin.dr.overdue')}</span>}
                            <span className="fba-left">{dueText(t, r.overdue, r.workingDaysLeft)}</span>
                          </span>
                        ) : (r.answeredAt ? formatDateTime(r.answeredAt) : '—')}
                      </td>
                      <td>
                        <Link to={`${FEEDBACK_ADMIN}/data-requests/${r.id}`} className="button-link small">
                          {t('ui.fbadmin.dr.open')}<span className="sr-only"> {t('ui.fbadmin.dr.open_label', { kind: t(`ui.fbadmin.dr.kind.${r.kind}`), no: r.register.no, year: r.register.year })}</span>
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {rows.length === 0 && <p className="muted">{t(`ui.fbadmin.dr.none.${state}`)}</p>}
          {(offset > 0 || list.data.hasMore) && (
            <nav className="pager" aria-label={t('ui.pager.label')}>
              <button type="button" disabled={offset === 0} onClick={() => setOffset((o) => Math.max(0, o - PAGE))}>{t('ui.pager.prev')}</button>
              <button type="button" disabled={!list.data.hasMore} onClick={() => setOffset((o) => o + PAGE)}>{t('ui.pager.next')}</button>
            </nav>
          )}
        </>
      )}
    </div>
  );
}
