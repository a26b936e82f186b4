// The conferences of the user's units (hội nghị lắng nghe ý kiến Nhân dân), newest first, filtered by unit, year
// and state from the URL query; the way to plan a new one and to the province's overview.
import { qs, request } from '../api.ts';
import { formatDate, todayVN } from '../dates.ts';
import { useT } from '../i18n.ts';
import { navigate, useRoute } from '../router.ts';
import { useSession } from '../session.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { SelectField } from '../ui/Field.tsx';
import { Link } from '../ui/Link.tsx';
import { useLoad } from '../ui/useAsync.ts';
import { UnitSelect } from '../feedback/bits.tsx';
import { ConfStateBadge } from './bits.tsx';
import { CONFERENCE_STATES, conferencePath, dayOf, formatTime, type Conference } from './model.ts';
import './conferences.css';

export function ConferencesScreen() {
  const t = useT();
  const { me } = useSession();
  const { query } = useRoute();
  const unitId = /^\d{1,9}$/.test(query.get('unitId') ?? '') ? query.get('unitId')! : '';
  const year = /^20\d\d$/.test(query.get('year') ?? '') ? query.get('year')! : '';
  const state = (CONFERENCE_STATES as readonly string[]).includes(query.get('state') ?? '') ? query.get('state')! : '';
  const params = { unitId, year, state };
  const list = useLoad(() => request<{ conferences: Conference[]; total: number }>('GET', `/api/conferences${qs({ ...params, limit: 200 })}`), [unitId, year, state]);
  const rows = list.data?.conferences ?? [];
  const apply = (patch: Partial<typeof params>) => navigate(`/conferences${qs({ ...params, ...patch })}`, true);
  const thisYear = Number(todayVN().slice(0, 4));
  const held = rows.filter((c) => c.state === 'held').length;
  const planned = rows.filter((c) => c.state === 'planned').length;

  return (
    <div className="conf">
      <section className="panel" aria-labelledby="conf-title">
        <div className="panel-head conf-head">
          <h1 id="conf-title">{t('ui.conf.title')}</h1>
          <div className="conf-head-actions">
            <Link to="/conferences/overview" className="button-link">{t('ui.conf.overview.link')}</Link>
            {me.can.planConferences && <Link to="/conferences/new" className="button-link primary-link">{t('ui.conf.plan_new')}</Link>}
          </div>
        </div>
        <div className="filters conf-filters" role="group" aria-label={t('ui.conf.filters')}>
          <UnitSelect label={t('ui.conf.unit')} value={unitId} onChange={(v) => apply({ unitId: v })} emptyLabel={t('ui.conf.all_units')} />
          <SelectField label={t('ui.conf.year')} value={year} onChange={(v) => apply({ year: v })}
            options={[{ value: '', label: t('ui.all') }, ...[1, 0, -1, -2, -3].map((d) => ({ value: String(thisYear + d), label: String(thisYear + d) }))]} />
          <SelectField label={t('ui.conf.state_label')} value={state} onChange={(v) => apply({ state: v })}
            options={[{ value: '', label: t('ui.all') }, ...CONFERENCE_STATES.map((s) => ({ value: s, label: t(`ui.conf.state.${s}`) }))]} />
        </div>
        <ErrorBanner error={list.error} />
        <p role="status" className="muted conf-count">
          {list.loading ? t('ui.loading') : rows.length === 0 ? t('ui.conf.none') : t('ui.conf.count', { n: rows.length, held, planned })}
        </p>
        {rows.length > 0 && (
          <div className="table-wrap">
            <table className="stack conf-table">
              <thead>
                <tr>
                  <th scope="col">{t('ui.conf.col.date')}</th>
                  <th scope="col">{t('ui.conf.col.title')}</th>
                  <th scope="col">{t('ui.conf.unit')}</th>
                  <th scope="col">{t('ui.conf.col.venue')}</th>
                  <th scope="col">{t('ui.conf.state_label')}</th>
                  <th scope="col" className="num">{t('ui.conf.col.attendance')}</th>
                  <th scope="col" className="num">{t('ui.conf.col.opinions')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.id} data-conference={c.id}>
                    <td data-label={t('ui.conf.col.date')} className="nowrap">
                      <div><strong>{formatDate(dayOf(c))}</strong> <span className="muted">{formatTime(c.startsAt)}–{formatTime(c.endsAt)}</span></div>
                    </td>
                    <td data-label={t('ui.conf.col.title')}><Link to={conferencePath(c.id)}>{c.title}</Link></td>
                    <td data-label={t('ui.conf.unit')}>{c.unitName}</td>
                    <td data-label={t('ui.conf.col.venue')}>{c.venue}</td>
                    <td data-label={t('ui.conf.state_label')}><ConfStateBadge state={c.state} /></td>
                    <td data-label={t('ui.conf.col.attendance')} className="num">{c.counts ? `${c.counts.checkedIn}/${c.counts.delegates}` : '—'}</td>
                    <td data-label={t('ui.conf.col.opinions')} className="num">{c.counts?.opinions ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
