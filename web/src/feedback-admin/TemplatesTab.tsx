// Response templates of a unit (mẫu trả lời): the list for the chosen unit, a form to create or edit one (topic,
// title, body) with a palette that inserts placeholders at the cursor, a live warning for placeholders the system
// does not know, and delete after a confirmation. Officers see the templates of their unit and the units above.
import { useContext, useEffect, useRef, useState, type FormEvent } from 'react';
import { qs, request } from '../api.ts';
import { LangContext, useT } from '../i18n.ts';
import { useSession } from '../session.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { UnitPicker } from '../units/UnitPicker.tsx';
import { defaultUnit, placeholdersIn, useTopics, type Placeholder, type Template, type TemplateList, type Topic } from './model.ts';

type Editing = { kind: 'new' } | { kind: 'edit'; template: Template } | null;

function useTopicName(topics: Topic[]) {
  const { lang } = useContext(LangContext);
  const byCode = new Map(topics.map((x) => [x.code, x]));
  const name = (x: Topic) => (lang === 'en' ? x.en || x.vi : x.vi);
  return {
    label: (code: string) => {
      const x = byCode.get(code);
      if (!x) return code;
      const parent = x.parent ? byCode.get(x.parent) : undefined;
      return parent ? `${name(parent)} › ${name(x)}` : name(x);
    },
    options: () => topics.map((x) => ({ value: x.code, label: `${x.parent ? '\u00a0\u00a0\u00a0' : ''}${name(x)}` })),
  };
}

export function TemplatesTab() {
  const t = useT();
  const { me } = useSession();
  const [unitId, setUnitId] = useState<number | null>(() => defaultUnit(me, ['admin', 'leader']));
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const topics = useTopics();
  const topicName = useTopicName(topics);
  const list = useLoad(
    () => (unitId ? request<TemplateList>('GET', `/api/feedback-templates${qs({ unitId })}`) : Promise.resolve(null)),
    [unitId],
  );
  const del = useSubmit();
  const listHeading = useRef<HTMLHeadingElement>(null);
  const data = list.data?.unitId === unitId ? list.data : null;

  const changeUnit = (id: number | null) => {
    setUnitId(id);
    setEditing(null);
    setNotice(null);
  };
  const remove = (tp: Template) => void del.run(async () => {
    if (!window.confirm(t('ui.fbadmin.tpl.confirm_delete', { title: tp.title }))) return;
    await request('DELETE', `/api/feedback-templates/${tp.id}`);
    if (editing?.kind === 'edit' && editing.template.id === tp.id) setEditing(null);
    setNotice(t('ui.fbadmin.tpl.deleted', { title: tp.title }));
    list.reload();
    listHeading.current?.focus();
  });

  return (
    <div className="fba-templates">
      <p className="hint">{t('ui.fbadmin.tpl.intro')}</p>
      <div className="fba-unit">
        <UnitPicker label={t('ui.fbadmin.unit')} value={unitId} onChange={changeUnit} required />
      </div>
      <ErrorBanner error={list.error} />
      {list.loading && !data && unitId && <p role="status">{t('ui.loading')}</p>}
      {data && (
        <>
          {!data.canEdit && <p className="alert warn">{t('ui.fbadmin.tpl.read_only')}</p>}
          {editing && (
            <TemplateForm key={editing.kind === 'edit' ? editing.template.id : 'new'} unitId={data.unitId}
              template={editing.kind === 'edit' ? editing.template : null} placeholders={data.placeholders}
              topicOptions={topicName.options()}
              onCancel={() => {
                setEditing(null);
                listHeading.current?.focus();
              }}
              onSaved={(saved, created) => {
                setEditing(null);
                setNotice(t(created ? 'ui.fbadmin.tpl.created' : 'ui.fbadmin.tpl.saved', { title: saved.title }));
                list.reload();
                listHeading.current?.focus();
              }} />
          )}
          <div className="fba-list-head">
            <h3 ref={listHeading} tabIndex={-1}>{t('ui.fbadmin.tpl.list', { n: data.templates.length })}</h3>
            {data.canEdit && !editing && (
              <button type="button" className="primary" onClick={() => {
                setNotice(null);
                setEditing({ kind: 'new' });
              }}>{t('ui.fbadmin.tpl.new')}</button>
            )}
          </div>
          <Notice>{notice}</Notice>
          <ErrorBanner error={del.error} />
          {data.templates.length === 0 && <p className="muted">{t('ui.fbadmin.tpl.none')}</p>}
          <ul className="fba-tpl-list">
            {data.templates.map((tp) => (
              <li key={tp.id} data-template={tp.id}>
                <div className="fba-tpl-head">
                  <h4>{tp.title}</h4>
                  <span className="tag">{tp.topicCode ? topicName.label(tp.topicCode) : t('ui.fbadmin.tpl.general')}</span>
                </div>
                <p className="fba-tpl-body">{tp.body}</p>
                {tp.unknownPlaceholders.length > 0 && (
                  <p className="alert warn fba-inline-warn">
                    {t('ui.fbadmin.tpl.unknown_saved', { list: tp.unknownPlaceholders.map((p) => `{${p}}`).join(', ') })}
                  </p>
                )}
                {tp.canEdit && (
                  <div className="row-actions">
                    <button type="button" className="small" aria-label={t('ui.fbadmin.tpl.edit_label', { title: tp.title })}
                      onClick={() => {
                        setNotice(null);
                        setEditing({ kind: 'edit', template: tp });
                      }}>{t('ui.fbadmin.edit')}</button>
                    <button type="button" className="small danger" disabled={del.busy} aria-label={t('ui.fbadmin.tpl.delete_label', { title: tp.title })}
                      onClick={() => remove(tp)}>{t('ui.fbadmin.delete')}</button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

interface FormProps {
  unitId: number;
  template: Template | null;
  placeholders: Placeholder[];
  topicOptions: { value: string; label: string }[];
  onSaved: (t: Template, created: boolean) => void;
  onCancel: () => void;
}

function TemplateForm({ unitId, template, placeholders, topicOptions, onSaved, onCancel }: FormProps) {
  const t = useT();
  const [topicCode, setTopicCode] = useState(template?.topicCode ?? '');
  const [title, setTitle] = useState(template?.title ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const { busy, error, run } = useSubmit();
  const errs = fieldErrors(error);
  const area = useRef<HTMLTextAreaElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const known = new Set(placeholders.map((p) => p.name));
  const unknown = placeholdersIn(body).filter((p) => !known.has(p));

  useEffect(() => {
    heading.current?.focus();
  }, []);

  /** Puts token where the cursor was (replacing a selection), then gives the cursor back just after it. */
  const insert = (token: string) => {
    const el = area.current;
    const start = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? start;
    setBody(body.slice(0, start) + token + body.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const fields = { topicCode: topicCode || null, title, body };
      const saved = template
        ? await request<Template>('PATCH', `/api/feedback-templates/${template.id}`, fields)
        : await request<Template>('POST', '/api/feedback-templates', { unitId, ...fields });
      onSaved(saved, !template);
    });
  };

  const bodyId = 'tpl-body';
  const describedBy = ['tpl-body-hint', unknown.length ? 'tpl-unknown' : '', errs.body ? 'tpl-body-err' : ''].filter(Boolean).join(' ');
  return (
    <form className="create-box fba-tpl-form" onSubmit={submit} noValidate aria-labelledby="tpl-form-title">
      <h3 id="tpl-form-title" ref={heading} tabIndex={-1}>
        {template ? t('ui.fbadmin.tpl.edit_title', { title: template.title }) : t('ui.fbadmin.tpl.new')}
      </h3>
      <ErrorBanner error={error} />
      {errs.unitId && <p className="field-error">{errs.unitId}</p>}
      <div className="form-grid">
        <SelectField label={t('ui.fbadmin.tpl.topic')} value={topicCode} onChange={setTopicCode} error={errs.topicCode}
          hint={t('ui.fbadmin.tpl.topic_hint')} options={[{ value: '', label: t('ui.fbadmin.tpl.general') }, ...topicOptions]} />
        <TextField label={t('ui.fbadmin.tpl.title_label')} value={title} onChange={setTitle} required error={errs.title} />
      </div>
      <div className="fba-editor">
        <div className={`field${errs.body ? ' has-error' : ''}`}>
          <span className="label-row"><label htmlFor={bodyId}>{t('ui.fbadmin.tpl.body')}</label><span aria-hidden="true" className="req">*</span></span>
          <textarea id={bodyId} ref={area} rows={10} value={body} required aria-invalid={errs.body ? true : undefined}
            aria-describedby={describedBy} onChange={(e) => setBody(e.target.value)} />
          <small id="tpl-body-hint" className="hint">{t('ui.fbadmin.tpl.body_hint')}</small>
          {errs.body && <small id="tpl-body-err" className="field-error">{errs.body}</small>}
          <div aria-live="polite">
            {unknown.length > 0 && (
              <p id="tpl-unknown" className="alert warn fba-inline-warn">
                {t('ui.fbadmin.tpl.unknown_live', { list: unknown.map((p) => `{${p}}`).join(', ') })}
              </p>
            )}
          </div>
        </div>
        <div className="fba-palette" role="group" aria-labelledby="tpl-palette-title">
          <p id="tpl-palette-title" className="fba-palette-title">{t('ui.fbadmin.tpl.palette')}</p>
          <p className="hint">{t('ui.fbadmin.tpl.palette_hint')}</p>
          <ul>
            {placeholders.map((p) => (
              <li key={p.name}>
                <button type="button" className="fba-chip" aria-label={t('ui.fbadmin.tpl.insert', { token: p.token, label: p.label })}
                  onClick={() => insert(p.token)}>
                  <code>{p.token}</code>
                  <span>{p.label}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t('ui.busy') : template ? t('ui.save') : t('ui.create')}</button>
        <button type="button" onClick={onCancel}>{t('ui.fbadmin.cancel')}</button>
      </div>
    </form>
  );
}
