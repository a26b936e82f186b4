// The indicator list: everyone sees it; a root administrator adds indicators, renames, regroups and re-sorts them,
// and retires or restores them (codes never change, nothing is deleted, so past figures keep their meaning).
import { useState, type FormEvent } from 'react';
import { request } from '../api.ts';
import { useT } from '../i18n.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import type { Indicator, IndicatorList } from './model.ts';

interface Draft {
  code: string;
  nameVi: string;
  nameEn: string;
  measure: string;
  group: string;
  sort: string;
}
const EMPTY: Draft = { code: '', nameVi: '', nameEn: '', measure: '', group: 'crime', sort: '' };

export function IndicatorsView() {
  const t = useT();
  const list = useLoad(() => request<IndicatorList>('GET', '/api/work-results/indicators?all=1'), []);
  const [editing, setEditing] = useState<Indicator | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [notice, setNotice] = useState<string | null>(null);
  const save = useSubmit();
  const toggle = useSubmit();
  const errs = fieldErrors(save.error);

  if (list.error) return <ErrorBanner error={list.error} />;
  if (!list.data) return <p role="status">{t('ui.loading')}</p>;
  const { canEdit, groups, indicators } = list.data;
  const groupOptions = groups.map((g) => ({ value: g, label: t(`ui.wr.group.${g}`) }));

  const open = (ind: Indicator | 'new') => {
    setEditing(ind);
    setNotice(null);
    save.setError(null);
    setDraft(ind === 'new' ? EMPTY : { code: ind.code, nameVi: ind.nameVi, nameEn: ind.nameEn, measure: ind.measure, group: ind.group, sort: String(ind.sort) });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run(async () => {
      const sort = draft.sort.trim() === '' ? undefined : Number(draft.sort);
      const body = { nameVi: draft.nameVi, nameEn: draft.nameEn, measure: draft.measure, group: draft.group, sort };
      if (editing === 'new') await request('POST', '/api/work-results/indicators', { code: draft.code, ...body });
      else if (editing) await request('PATCH', `/api/work-results/indicators/${editing.id}`, body);
      setNotice(t('ui.wr.ind.saved'));
      setEditing(null);
      list.reload();
    });
  };
  const setActive = (ind: Indicator) => void toggle.run(async () => {
    await request('PATCH', `/api/work-results/indicators/${ind.id}`, { active: !ind.active });
    list.reload();
  });
  const field = (k: keyof Draft) => ({ value: draft[k], onChange: (v: string) => setDraft((d) => ({ ...d, [k]: v })), error: errs[k] });

  return (
    <div>
      {!canEdit && <p className="muted">{t('ui.wr.ind.read_only')}</p>}
      <Notice>{notice}</Notice>
      <ErrorBanner error={toggle.error} />
      <div className="table-wrap">
        <table className="stack">
          <caption className="sr-only">{t('ui.wr.tab.indicators')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ui.wr.ind.code')}</th><th scope="col">{t('ui.wr.indicator')}</th><th scope="col">{t('ui.wr.measure')}</th>
              <th scope="col">{t('ui.wr.ind.group')}</th><th scope="col" className="num">{t('ui.wr.ind.sort')}</th><th scope="col">{t('ui.wr.ind.state')}</th>
              {canEdit && <th scope="col"><span className="sr-only">{t('ui.wr.ind.actions')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {indicators.map((i) => (
              <tr key={i.id} className={i.active ? undefined : 'muted'}>
                <td data-label={t('ui.wr.ind.code')}><code>{i.code}</code></td>
                <td data-label={t('ui.wr.indicator')}>{i.nameVi}<br /><span className="hint">{i.nameEn}</span></td>
                <td data-label={t('ui.wr.measure')}>{i.measure}</td>
                <td data-label={t('ui.wr.ind.group')}>{t(`ui.wr.group.${i.group}`)}</td>
                <td data-label={t('ui.wr.ind.sort')} className="num">{i.sort}</td>
                <td data-label={t('ui.wr.ind.state')}>{i.active ? t('ui.wr.ind.active') : t('ui.wr.ind.retired')}</td>
                {canEdit && (
                  <td>
                    <button type="button" onClick={() => open(i)} aria-label={t('ui.wr.ind.edit_one', { name: i.nameVi })}>{t('ui.wr.ind.edit')}</button>{' '}
                    <button type="button" disabled={toggle.busy} onClick={() => setActive(i)}>{i.active ? t('ui.wr.ind.retire') : t('ui.wr.ind.restore')}</button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canEdit && !editing && <p><button type="button" onClick={() => open('new')}>{t('ui.wr.ind.add')}</button></p>}
      {canEdit && editing && (
        <form onSubmit={submit} noValidate aria-label={editing === 'new' ? t('ui.wr.ind.add') : t('ui.wr.ind.edit_one', { name: editing.nameVi })}>
          <h3>{editing === 'new' ? t('ui.wr.ind.add') : t('ui.wr.ind.edit_one', { name: editing.nameVi })}</h3>
          <div className="wr-ind-form">
            {editing === 'new' && <TextField label={t('ui.wr.ind.code')} required hint={t('ui.wr.ind.code_hint')} {...field('code')} />}
            <TextField label={t('ui.wr.ind.name_vi')} required {...field('nameVi')} />
            <TextField label={t('ui.wr.ind.name_en')} required {...field('nameEn')} />
            <TextField label={t('ui.wr.measure')} required hint={t('ui.wr.ind.measure_hint')} {...field('measure')} />
            <SelectField label={t('ui.wr.ind.group')} options={groupOptions} {...field('group')} />
            <TextField label={t('ui.wr.ind.sort')} {...field('sort')} />
          </div>
          <ErrorBanner error={save.error} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={save.busy}>{save.busy ? t('ui.busy') : t('ui.wr.ind.save')}</button>
            <button type="button" onClick={() => setEditing(null)}>{t('ui.wr.ind.cancel')}</button>
          </div>
        </form>
      )}
    </div>
  );
}
