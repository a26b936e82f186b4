// The register (sổ tiếp nhận ý kiến): items of the user's units, soonest due first, filtered by what the URL
// query says (so a filtered list is a link to share), 50 at a time with "more"; leaders and watchers see the
// year's figures per child unit on top.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { qs, request } from '../api.ts';
import { formatDate, todayVN } from '../dates.ts';
import { useT } from '../i18n.ts';
import { navigate, useRoute } from '../router.ts';
import { useSession } from '../session.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { SelectField } from '../ui/Field.tsx';
import { Link } from '../ui/Link.tsx';
import { usePages } from '../ui/usePages.ts';
import { Checkbox, DueText, StateBadge, UnitSelect } from './bits.tsx';
import { useLabels, useTopics } from './labels.ts';
import {
  CHANNELS, KINDS, OPEN_STATES, SORTS, STATES, filtersFromQuery, filtersToParams, formatTrackingCode,
  type RegisterFilters, type RegisterPage, type RegisterSort, type StatusFilter,
} from './model.ts';
import { StatsBand } from './StatsBand.tsx';

const PAGE = 50;
const WATCHERS = ['admin', 'leader', 'viewer'];

export function RegisterScreen() {
  const t = useT();
  const { me } = useSession();
  const { query } = useRoute();
  const topics = useTopics();
  const L = useLabels(topics);
  const filters = filtersFromQuery(query);
  const params = filtersToParams(filters);
  const key = qs(params);
  const [text, setText] = useState(filters.q);
  const { items: rows, first, hasMore, loading, error, more: loadMore } = usePages(
    (offset: number | null) => request<RegisterPage>('GET', `/api/feedback${qs({ ...params, limit: PAGE, ...(offset ? { offset } : {}) })}`)
      .then((r) => ({ ...r, next: r.hasMore ? (offset ?? 0) + r.items.length : null })),
    [key], // params are derived from key
  );
  // The order the server applied to the list shown (it chooses one when none is asked for).
  const applied: RegisterSort | null = first?.sort ?? null;
  // Open on wide screens and whenever something is filtered; folded on a phone so the list comes first.
  const [filtersOpen, setFiltersOpen] = useState(() => window.matchMedia('(min-width: 801px)').matches || Object.keys(params).some((k) => k !== 'sort'));
  const tbody = useRef<HTMLTableSectionElement>(null);

  useEffect(() => setText(filters.q), [filters.q]);
  // After "more", keyboard focus goes to the first newly loaded item rather than staying at the bottom.
  const firstNew = useRef<number | null>(null);
  useEffect(() => {
    firstNew.current = null;
  }, [key]);
  const more = () => {
    firstNew.current = rows.length;
    loadMore();
  };
  useEffect(() => {
    if (firstNew.current === null || rows.length <= firstNew.current) return;
    tbody.current?.querySelector<HTMLAnchorElement>(`tr[data-item="${rows[firstNew.current]!.id}"] a`)?.focus();
    firstNew.current = null;
  }, [rows]);

  const apply = (patch: Partial<RegisterFilters>) => navigate(`/feedback${qs(filtersToParams({ ...filters, ...patch }))}`, true);
  const submitSearch = (e: FormEvent) => {
    e.preventDefault();
    apply({ q: text });
  };

  const thisYear = Number(todayVN().slice(0, 4));
  const watchUnit = filters.unitId ? Number(filters.unitId) : me.grants.find((g) => WATCHERS.includes(g.role))?.unitId ?? null;
  const watches = me.grants.some((g) => WATCHERS.includes(g.role));
  const statusOptions: { value: StatusFilter; label: string }[] = [
    { value: '', label: t('ui.all') },
    { value: 'open', label: t('ui.feedback.filter.open') },
    { value: 'overdue', label: t('ui.feedback.filter.overdue') },
    { value: 'dueSoon', label: t('ui.feedback.filter.due_soon') },
    ...STATES.map((s) => ({ value: `state:${s}` as StatusFilter, label: L.state(s) })),
  ];
  const filtered = Object.keys(params).some((k) => k !== 'sort');

  return (
    <div className="feedback">
      <section className="panel" aria-labelledby="fb-title">
        <div className="panel-head">
          <h1 id="fb-title">{t('ui.feedback.title')}</h1>
          {me.can.enterFeedback && <Link to="/feedback/new" className="button-link primary-link">{t('ui.feedback.new')}</Link>}
        </div>
        {watches && watchUnit !== null && <StatsBand unitId={watchUnit} year={filters.year ? Number(filters.year) : thisYear} />}

        <form role="search" onSubmit={submitSearch} className="fb-search" aria-label={t('ui.feedback.search_label')}>
          <label htmlFor="fb-q" className="sr-only">{t('ui.feedback.search_label')}</label>
          <input id="fb-q" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('ui.feedback.search_placeholder')} maxLength={200} />
          <button type="submit">{t('ui.search')}</button>
        </form>
        <details className="fb-filter-box" open={filtersOpen} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
          <summary>{filtered ? t('ui.feedback.filters_active') : t('ui.feedback.filters_toggle')}</summary>
        <div className="filters fb-filters" role="group" aria-label={t('ui.feedback.filters')}>
          <UnitSelect label={t('ui.feedback.col.unit')} value={filters.unitId} onChange={(v) => apply({ unitId: v })} emptyLabel={t('ui.feedback.all_units')} />
          <SelectField label={t('ui.feedback.filter.status')} value={filters.status} onChange={(v) => apply({ status: v as StatusFilter })} options={statusOptions} />
          <SelectField label={t('ui.feedback.kind_label')} value={filters.kind} onChange={(v) => apply({ kind: v })}
            options={[{ value: '', label: t('ui.all') }, ...KINDS.map((k) => ({ value: k, label: L.kind(k) }))]} />
          <SelectField label={t('ui.feedback.topic_label')} value={filters.topicCode} onChange={(v) => apply({ topicCode: v })}
            options={[{ value: '', label: t('ui.all') }, ...L.topicOptions()]} />
          <SelectField label={t('ui.feedback.channel_label')} value={filters.channel} onChange={(v) => apply({ channel: v })}
            options={[{ value: '', label: t('ui.all') }, ...CHANNELS.map((c) => ({ value: c, label: L.channel(c) }))]} />
          <SelectField label={t('ui.feedback.filter.year')} value={filters.year} onChange={(v) => apply({ year: v })}
            options={[{ value: '', label: t('ui.all') }, ...[0, 1, 2, 3].map((d) => ({ value: String(thisYear - d), label: String(thisYear - d) }))]} />
          <SelectField label={t('ui.feedback.filter.sort')} value={filters.sort || applied || ''} onChange={(v) => apply({ sort: v as RegisterSort })}
            options={[
              // Until the first page says which order it is in, the field names none.
              ...(filters.sort || applied ? [] : [{ value: '', label: t('ui.loading') }]),
              ...SORTS.map((s) => ({ value: s, label: t(`ui.feedback.sort.${s}`) })),
            ]} />
          <div className="fb-checks">
            <Checkbox label={t('ui.feedback.filter.mine')} checked={filters.mine} onChange={(v) => apply({ mine: v })} />
            <Checkbox label={t('ui.feedback.filter.rereview')} checked={filters.rereview} onChange={(v) => apply({ rereview: v })} />
            {filtered && <button type="button" className="small" onClick={() => navigate('/feedback', true)}>{t('ui.feedback.filter.clear')}</button>}
          </div>
        </div>
        </details>

        <ErrorBanner error={error} />
        <p role="status" className="fb-count muted">
          {loading ? t('ui.loading') : rows.length === 0 ? t('ui.feedback.none') : t(hasMore ? 'ui.feedback.shown_more' : 'ui.feedback.shown', { n: rows.length })}
        </p>
        {rows.length > 0 && (
          <div className="table-wrap">
            <table className="stack fb-table">
              <thead>
                <tr>
                  <th scope="col">{t('ui.feedback.col.no')}</th>
                  <th scope="col">{t('ui.feedback.col.received')}</th>
                  <th scope="col">{t('ui.feedback.col.unit')}</th>
                  <th scope="col">{t('ui.feedback.col.kind_topic')}</th>
                  <th scope="col">{t('ui.feedback.col.summary')}</th>
                  <th scope="col">{t('ui.feedback.col.state')}</th>
                  <th scope="col">{t('ui.feedback.col.due')}</th>
                  <th scope="col">{t('ui.feedback.col.assignee')}</th>
                </tr>
              </thead>
              <tbody ref={tbody}>
                {rows.map((r) => (
                  <tr key={r.id} data-item={r.id} className={r.overdue ? 'fb-row-overdue' : undefined}>
                    <td data-label={t('ui.feedback.col.no')}>
                      <div>
                      <Link to={`/feedback/${r.id}`} className="fb-no">
                        <span className="sr-only">{t('ui.feedback.item_no_sr')} </span>{r.register.no}/{r.register.year}
                      </Link>
                      <span className="fb-code">{formatTrackingCode(r.trackingCode)}</span>
                      </div>
                    </td>
                    <td data-label={t('ui.feedback.col.received')} className="nowrap">{formatDate(r.receivedOn)}</td>
                    <td data-label={t('ui.feedback.col.unit')}>{r.unitName}</td>
                    <td data-label={t('ui.feedback.col.kind_topic')}>
                      <div>
                      <span className={`fb-kind${r.procedure ? ' fb-kind-flag' : ''}`}>{L.kind(r.kind)}</span>
                      {r.topicCode && <span className="fb-topic">{L.topic(r.topicCode)}</span>}
                      </div>
                    </td>
                    <td data-label={t('ui.feedback.col.summary')} className="fb-summary">
                      <div>
                        {r.summary}
                        {r.rereview && <span className="tag fb-rereview">{t('ui.feedback.rereview')}</span>}
                      </div>
                    </td>
                    <td data-label={t('ui.feedback.col.state')}><StateBadge state={r.state} outcome={r.outcome} labels={L} /></td>
                    <td data-label={t('ui.feedback.col.due')}>
                      {OPEN_STATES.includes(r.state) || !r.closedOn
                        ? <DueText dueOn={r.dueOn} overdue={r.overdue} workingDaysLeft={r.workingDaysLeft} labels={L} />
                        : <span className="muted">{t('ui.feedback.closed_short', { date: formatDate(r.closedOn) })}</span>}
                    </td>
                    <td data-label={t('ui.feedback.col.assignee')}>{r.assignee?.fullName ?? <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {hasMore && (
          <div className="fb-more">
            <button type="button" onClick={more} disabled={loading}>{loading ? t('ui.loading') : t('ui.feedback.more')}</button>
          </div>
        )}
      </section>
    </div>
  );
}
