// A questionnaire: its versions (published ones never change), a readable preview of the chosen version —
// sections, numbered questions, scales with the levels counted as satisfied, conditions — and, for managers,
// publishing a draft or starting the next draft from a published version.
import { useState } from 'react';
import { request } from '../api.ts';
import { formatDateTime } from '../dates.ts';
import { useT } from '../i18n.ts';
import { navigate, useRoute } from '../router.ts';
import type { QuestionnaireDefinition, QuestionnaireDetail, SurveyQuestion } from '../types.ts';
import { ErrorBanner, Notice } from '../ui/Alert.tsx';
import { Link } from '../ui/Link.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { useFormat } from './format.ts';
import { XlsformDownload, XlsformImportDraft } from './XlsformActions.tsx';

export function QuestionnaireScreen({ id }: { id: number }) {
  const t = useT();
  const { query } = useRoute();
  const { data: q, error, loading, reload } = useLoad(() => request<QuestionnaireDetail>('GET', `/api/questionnaires/${id}`), [id]);
  const act = useSubmit();
  const [done, setDone] = useState<string | null>(null);
  const chosen = Number(query.get('v')) || null;
  const version = q ? (q.versions.find((v) => v.id === chosen) ?? q.versions.at(-1)) : undefined;
  const manage = q?.allowed.includes('manage') ?? false;
  const hasDraft = q?.versions.some((v) => v.status === 'draft') ?? false;

  const publish = () => void act.run(async () => {
    if (!version || !window.confirm(t('ui.surveys.confirm_publish', { n: version.version }))) return;
    await request('POST', `/api/questionnaire-versions/${version.id}/publish`);
    setDone(t('ui.surveys.published_done', { n: version.version }));
    reload();
  });
  const newDraft = () => void act.run(async () => {
    if (!q || !version) return;
    const r = await request<{ versionId: number }>('PUT', `/api/questionnaires/${q.id}/draft`, { definition: version.definition });
    setDone(t('ui.surveys.draft_done'));
    navigate(`/surveys/questionnaires/${q.id}?v=${r.versionId}`, true);
    reload();
  });

  return (
    <section className="panel questionnaire" aria-labelledby="qn-detail-title">
      <Link to="/surveys" className="back">← {t('ui.surveys.back')}</Link>
      <ErrorBanner error={error} />
      {loading && !q && <p role="status">{t('ui.loading')}</p>}
      {q && version && (
        <>
          <h1 id="qn-detail-title"><code>{q.code}</code> {version.title}</h1>
          <nav aria-label={t('ui.surveys.versions')} className="versions">
            <h2 className="sr-only">{t('ui.surveys.versions')}</h2>
            <ul>
              {q.versions.map((v) => (
                <li key={v.id}>
                  <Link to={`/surveys/questionnaires/${q.id}?v=${v.id}`} current={v.id === version.id}>
                    {t('ui.surveys.version_n', { n: v.version })}
                  </Link>{' '}
                  <span className={`tag version-${v.status}`}>{t(`ui.surveys.version_status.${v.status}`)}</span>
                  {v.publishedAt && <span className="muted small"> {formatDateTime(v.publishedAt)}</span>}
                </li>
              ))}
            </ul>
          </nav>
          <ErrorBanner error={act.error} />
          <Notice>{done}</Notice>
          <div className="qn-toolbar">
            {version.status === 'published'
              ? <p className="muted">{t('ui.surveys.read_only')}</p>
              : <p className="alert warn">{t('ui.surveys.draft_note')}</p>}
            <div className="form-actions">
              {manage && version.status === 'draft' && (
                <button type="button" className="primary" disabled={act.busy} onClick={publish}>{t('ui.surveys.publish')}</button>
              )}
              {manage && version.status === 'published' && !hasDraft && (
                <button type="button" disabled={act.busy} onClick={newDraft}>{t('ui.surveys.new_draft')}</button>
              )}
              <XlsformDownload versionId={version.id} version={version.version} />
              {manage && <XlsformImportDraft questionnaireId={q.id} canStart={!hasDraft} onDone={(v) => {
                navigate(`/surveys/questionnaires/${q.id}?v=${v}`, true);
                reload();
              }} />}
            </div>
          </div>
          <Preview def={version.definition} />
        </>
      )}
    </section>
  );
}

function Preview({ def }: { def: QuestionnaireDefinition }) {
  const t = useT();
  const fmt = useFormat();
  const all = def.sections.flatMap((s) => s.questions);
  const scale = (id: string | undefined) => def.scales.find((s) => s.id === id);
  let n = 0;

  /** "${q} = 'code'" in words; anything more complex is shown as written. */
  const condition = (rel: string) => {
    const m = /^\s*\$\{(\w+)\}\s*(=|!=)\s*'([^']*)'\s*$/.exec(rel);
    const ref = m && all.find((x) => x.id === m[1]);
    if (!m || !ref) return <code>{rel}</code>;
    const choice = [...(ref.choices ?? []), ...(scale(ref.scale)?.levels ?? [])].find((c) => c.code === m[3]);
    return <>«{fmt.local(ref.label)}» {m[2] === '=' ? t('ui.surveys.cond_is') : t('ui.surveys.cond_is_not')} «{choice ? fmt.local(choice.label) : m[3]}»</>;
  };

  const answers = (q: SurveyQuestion) => {
    if (q.type === 'rating') {
      const s = scale(q.scale);
      // The scale is shown once above; here, its levels in one line, the satisfied ones marked.
      return s && (
        <p className="scale-inline">
          {t('ui.surveys.uses_scale')}{' '}
          {s.levels.map((l, i) => (
            <span key={l.code}>{i > 0 && ' · '}{s.satisfied.includes(l.code) ? <strong>{fmt.local(l.label)} ✓</strong> : fmt.local(l.label)}</span>
          ))}
          {s.noOpinion && <span className="muted"> · {fmt.local(s.noOpinion.label)}</span>}
        </p>
      );
    }
    if (q.choices?.length) return <ul className="choices">{q.choices.map((c) => <li key={c.code}>{fmt.local(c.label)}</li>)}</ul>;
    return null;
  };

  return (
    <div className="qn-preview">
      <h2>{fmt.local(def.title)}</h2>
      {def.intro && <p>{fmt.local(def.intro)}</p>}
      <h3>{t('ui.surveys.scales')}</h3>
      {def.scales.map((s) => (
        <div key={s.id} className="scale-box">
          <p><code>{s.id}</code> — {t('ui.surveys.scale_levels', { n: s.levels.length })}</p>
          <ol className="choices">
            {s.levels.map((l) => (
              <li key={l.code} className={s.satisfied.includes(l.code) ? 'is-satisfied' : undefined}>
                {fmt.local(l.label)} {s.satisfied.includes(l.code) && <span className="tag tag-satisfied">{t('ui.surveys.counts_satisfied')}</span>}
              </li>
            ))}
          </ol>
          {s.noOpinion && <p className="muted">{fmt.local(s.noOpinion.label)}: {t('ui.surveys.not_in_denominator')}</p>}
        </div>
      ))}
      {def.sections.map((s) => (
        <section key={s.id} className="qn-section" aria-labelledby={`sec-${s.id}`}>
          <h3 id={`sec-${s.id}`}>{fmt.local(s.title)}</h3>
          <ol className="qn-questions">
            {s.questions.map((q) => {
              n++;
              return (
                <li key={q.id} value={n} data-question={q.id}>
                  <p className="q-label">
                    {fmt.local(q.label)}
                    {q.required && <span className="req" title={t('ui.surveys.required')}> *<span className="sr-only">{t('ui.surveys.required')}</span></span>}
                  </p>
                  <p className="q-tags">
                    <span className="tag">{t(`ui.surveys.qtype.${q.type}`)}</span>
                    {q.criterion && <span className="tag tag-criterion">{t('ui.surveys.criterion')}</span>}
                    {q.demographic && <span className="tag">{t('ui.surveys.demographic')}</span>}
                    <code className="muted small">{q.id}</code>
                  </p>
                  {q.hint && <p className="hint">{fmt.local(q.hint)}</p>}
                  {q.relevant && <p className="q-cond">{t('ui.surveys.only_if')} {condition(q.relevant)}</p>}
                  {answers(q)}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </div>
  );
}
