// The units below the focus: responses, target and rate, % satisfied with its denominator. Column headers
// sort (again to reverse); units without data sort last; a unit's name drills down into it.
import { useMemo, useState } from 'react';
import { useT } from '../i18n.ts';
import type { CampaignResults } from '../types.ts';
import { SelectField } from '../ui/Field.tsx';
import { Link } from '../ui/Link.tsx';
import { compareNames } from './compare.ts';
import { useFormat } from './format.ts';

type Row = CampaignResults['children'][number];
type Key = 'name' | 'share' | 'valid' | 'rate';

const value = (r: Row, k: Key): number | string | null => (k === 'name' ? r.name : k === 'share' ? r.overall.share : k === 'valid' ? r.valid : r.rate);

export function ChildrenTable({ rows, hrefFor }: { rows: Row[]; hrefFor: (unitId: number) => string }) {
  const t = useT();
  const fmt = useFormat();
  const [sort, setSort] = useState<{ key: Key; desc: boolean }>({ key: 'name', desc: false });
  const sorted = useMemo(() => {
    const out = [...rows];
    out.sort((a, b) => {
      const x = value(a, sort.key);
      const y = value(b, sort.key);
      if (x === null || y === null) return x === y ? compareNames(a.name, b.name) : x === null ? 1 : -1;
      const c = typeof x === 'string' ? compareNames(x, String(y)) : x - (y as number);
      return (sort.desc ? -c : c) || compareNames(a.name, b.name);
    });
    return out;
  }, [rows, sort]);

  const header = (key: Key, label: string, numeric = false) => {
    const active = sort.key === key;
    return (
      <th scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="sort" onClick={() => setSort({ key, desc: active ? !sort.desc : key !== 'name' })}>
          {label} <span aria-hidden="true">{active ? (sort.desc ? '↓' : '↑') : '↕'}</span>
        </button>
      </th>
    );
  };

  const options: { key: Key; desc: boolean; label: string }[] = [
    { key: 'name', desc: false, label: t('ui.surveys.unit') },
    { key: 'share', desc: true, label: t('ui.surveys.sort_share_desc') },
    { key: 'share', desc: false, label: t('ui.surveys.sort_share_asc') },
    { key: 'valid', desc: true, label: t('ui.surveys.sort_valid') },
    { key: 'rate', desc: false, label: t('ui.surveys.sort_rate_asc') },
  ];
  return (
    <div className="table-wrap">
      {/* On a phone the table's headers are hidden (rows become cards): the same sorting as a list. */}
      <div className="sort-narrow">
        <SelectField label={t('ui.surveys.sort_by')} value={`${sort.key}:${sort.desc ? 'desc' : 'asc'}`}
          onChange={(v) => {
            const [key, dir] = v.split(':');
            setSort({ key: key as Key, desc: dir === 'desc' });
          }}
          options={options.map((o) => ({ value: `${o.key}:${o.desc ? 'desc' : 'asc'}`, label: o.label }))} />
      </div>
      <table className="stack children-table" aria-labelledby="children-title">
        <thead>
          <tr>
            {header('name', t('ui.surveys.unit'))}
            {header('share', t('ui.surveys.satisfied'), true)}
            {header('valid', t('ui.surveys.valid'), true)}
            <th scope="col" className="num">{t('ui.surveys.invalid')}</th>
            <th scope="col" className="num">{t('ui.surveys.target')}</th>
            {header('rate', t('ui.surveys.rate'), true)}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.unitId} data-unit={r.unitId}>
              <th scope="row" data-label={t('ui.surveys.unit')}><Link to={hrefFor(r.unitId)}>{r.name}</Link></th>
              <td data-label={t('ui.surveys.satisfied')} className="num">
                <strong>{fmt.pct(r.overall.share)}</strong>
                {r.overall.denominator > 0 && <span className="muted small"> ({fmt.int(r.overall.satisfied)}/{fmt.int(r.overall.denominator)})</span>}
              </td>
              <td data-label={t('ui.surveys.valid')} className="num" data-testid="child-valid">{fmt.int(r.valid)}</td>
              <td data-label={t('ui.surveys.invalid')} className="num">{fmt.int(r.invalid)}</td>
              <td data-label={t('ui.surveys.target')} className="num">{fmt.int(r.target)}</td>
              <td data-label={t('ui.surveys.rate')} className="num">
                <span className="rate-cell">
                  {r.rate !== null && <span className="mini-meter" aria-hidden="true"><span style={{ width: `${Math.min(100, r.rate * 100)}%` }} /></span>}
                  {fmt.pct(r.rate)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
