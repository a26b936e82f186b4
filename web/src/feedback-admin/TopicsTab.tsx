// The topic taxonomy (lĩnh vực): two levels, Vietnamese and English names, keywords that feed the suggestions.
// A root administrator adds topics, renames them and retires them; codes never change (old items, templates and
// reports keep their meaning), and a retired topic stays on its items but is no longer offered.
import { useState, type FormEvent } from 'react';
import { request } from '../api.ts';
import { useT } from '../i18n.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';

interface TopicRow {
  code: string;
  parent: string | null;
  vi: string;
  en: string;
  active: boolean;
  sort: number;
  keywords: string[];
}

const splitKeywords = (s: string) => s.split(',').map((k) => k.trim()).filter(Boolean);

export function TopicsTab() {
  const t = useT();
  const load = useLoad(() => request<{ canEdit: boolean; topics: TopicRow[] }>('GET', '/api/feedback-topics?all=1'), []);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (load.error) return <ErrorBanner error={load.error} />;
  if (!load.data) return <p role="status">{t('ui.loading')}</p>;
  const { canEdit, topics } = load.data;
  const roots = topics.filter((x) => !x.parent);
  const done = (msg: string) => {
    setEditing(null);
    setNotice(msg);
    load.reload();
  };
  return (
    <div className="fba-topics">
      <p>{t('ui.fbadmin.topics.intro')}</p>
      {!canEdit && <p className="alert warn">{t('ui.fbadmin.read_only_root')}</p>}
      <Notice>{notice}</Notice>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('ui.fbadmin.topics.code')}</th>
            <th scope="col">{t('ui.fbadmin.topics.vi')}</th>
            <th scope="col">{t('ui.fbadmin.topics.en')}</th>
            <th scope="col">{t('ui.fbadmin.topics.keywords')}</th>
            <th scope="col">{t('ui.fbadmin.topics.state')}</th>
            {canEdit && <th scope="col"><span className="sr-only">{t('ui.fbadmin.topics.actions')}</span></th>}
          </tr>
        </thead>
        <tbody>
          {roots.flatMap((r) => [r, ...topics.filter((c) => c.parent === r.code)]).map((x) => (
            <tr key={x.code} data-topic={x.code} className={x.active ? undefined : 'muted'}>
              <td><code>{x.code}</code></td>
              <td>{x.parent ? <span className="fba-indent">↳ {x.vi}</span> : <strong>{x.vi}</strong>}</td>
              <td>{x.en}</td>
              <td>{x.keywords.join(', ')}</td>
              <td>{x.active ? t('ui.fbadmin.topics.active') : t('ui.fbadmin.topics.retired')}</td>
              {canEdit && (
                <td><button type="button" onClick={() => setEditing(x.code)} aria-label={t('ui.fbadmin.topics.edit_named', { name: x.vi })}>{t('ui.fbadmin.topics.edit')}</button></td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && editing && (
        <TopicForm key={editing} topic={topics.find((x) => x.code === editing)!} roots={roots} onDone={() => done(t('ui.fbadmin.topics.saved'))} onCancel={() => setEditing(null)} />
      )}
      {canEdit && !editing && <TopicForm key="new" topic={null} roots={roots} onDone={() => done(t('ui.fbadmin.topics.created'))} />}
    </div>
  );
}

function TopicForm({ topic, roots, onDone, onCancel }: { topic: TopicRow | null; roots: TopicRow[]; onDone: () => void; onCancel?: () => void }) {
  const t = useT();
  const [f, setF] = useState({
    code: topic?.code ?? '', parent: topic?.parent ?? '', vi: topic?.vi ?? '', en: topic?.en ?? '',
    keywords: topic?.keywords.join(', ') ?? '', active: topic?.active ?? true,
  });
  const set = (k: 'code' | 'parent' | 'vi' | 'en' | 'keywords') => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const { busy, error, run } = useSubmit();
  const errs = fieldErrors(error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const body = { parent: f.parent || null, vi: f.vi, en: f.en, keywords: splitKeywords(f.keywords) };
      if (topic) await request('PATCH', `/api/feedback-topics/${topic.code}`, { ...body, active: f.active });
      else await request('POST', '/api/feedback-topics', { ...body, code: f.code.trim() });
      onDone();
    });
  };
  const parents = roots.filter((r) => r.code !== topic?.code);
  return (
    <form className="fba-form" onSubmit={submit} noValidate>
      <h3>{topic ? t('ui.fbadmin.topics.edit_title', { name: topic.vi }) : t('ui.fbadmin.topics.new_title')}</h3>
      {error && !Object.keys(errs).length ? <ErrorBanner error={error} /> : null}
      {!topic && <TextField label={t('ui.fbadmin.topics.code')} value={f.code} onChange={set('code')} required error={errs.code} hint={t('ui.fbadmin.topics.code_hint')} name="code" />}
      <SelectField label={t('ui.fbadmin.topics.parent')} value={f.parent} onChange={set('parent')} error={errs.parent}
        options={[{ value: '', label: t('ui.fbadmin.topics.no_parent') }, ...parents.map((r) => ({ value: r.code, label: r.vi }))]} />
      <TextField label={t('ui.fbadmin.topics.vi')} value={f.vi} onChange={set('vi')} required error={errs.vi} name="vi" />
      <TextField label={t('ui.fbadmin.topics.en')} value={f.en} onChange={set('en')} required error={errs.en} name="en" />
      <TextField label={t('ui.fbadmin.topics.keywords')} value={f.keywords} onChange={set('keywords')} error={errs.keywords} hint={t('ui.fbadmin.topics.keywords_hint')} name="keywords" />
      {topic && (
        <label className="check">
          <input type="checkbox" checked={f.active} onChange={(e) => setF((x) => ({ ...x, active: e.target.checked }))} /> {t('ui.fbadmin.topics.offered')}
        </label>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{topic ? t('ui.fbadmin.topics.save') : t('ui.fbadmin.topics.create')}</button>
        {onCancel && <button type="button" onClick={onCancel}>{t('ui.fbadmin.topics.cancel')}</button>}
      </div>
    </form>
  );
}
