// Splitting a mixed submission: two or more parts, each with its content and kind (and a topic if known). The
// item keeps the first part; each other part becomes an item of its own, with its own tracking code. A modal
// <dialog>: focus stays inside, Escape closes it, and focus returns to the button that opened it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { request } from '../api.ts';
import { useT } from '../i18n.ts';
import { ErrorBanner, fieldErrors } from '../ui/Alert.tsx';
import { SelectField } from '../ui/Field.tsx';
import { useSubmit } from '../ui/useAsync.ts';
import { TextArea } from './bits.tsx';
import type { Labels } from './labels.ts';
import { KINDS, type FeedbackDetail } from './model.ts';

const MAX_PARTS = 10;

interface Part {
  content: string;
  kind: string;
  topicCode: string;
}

export function SplitDialog({ item, labels, onDone }: { item: FeedbackDetail; labels: Labels; onDone: (message: string, links: { id: number; code: string }[]) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const fresh = (): Part[] => [
    { content: item.content, kind: item.kind, topicCode: item.topicCode ?? '' },
    { content: '', kind: item.kind, topicCode: '' },
  ];
  const [parts, setParts] = useState<Part[]>(fresh);
  const { busy, error, run, setError } = useSubmit();
  const errs = fieldErrors(error);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  const start = () => {
    setParts(fresh());
    setError(null);
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  const setPart = (i: number, k: keyof Part) => (v: string) => setParts((ps) => ps.map((p, j) => (j === i ? { ...p, [k]: v } : p)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await request<{ items: { id: number; trackingCode: string }[] }>('POST', `/api/feedback/${item.id}/split`, {
        parts: parts.map((p) => ({ content: p.content, kind: p.kind, topicCode: p.topicCode || null })),
      });
      setOpen(false);
      onDone(t('ui.feedback.split.done', { n: r.items.length + 1 }), r.items.map((x) => ({ id: x.id, code: x.trackingCode })));
    });
  };

  return (
    <>
      <button type="button" ref={opener} onClick={start} className="fb-split-open">{t('ui.feedback.split.open')}</button>
      <dialog ref={dialog} className="fb-dialog" aria-labelledby="fb-split-title" onClose={() => open && close()}>
        {open && (
          <form onSubmit={submit} noValidate>
            <h2 id="fb-split-title">{t('ui.feedback.split.title')}</h2>
            <p className="hint">{t('ui.feedback.split.hint')}</p>
            <ErrorBanner error={error} />
            {errs.parts && <p className="field-error">{errs.parts}</p>}
            <ol className="fb-parts">
              {parts.map((p, i) => (
                <li key={i}>
                  <fieldset className="fb-fieldset">
                    <legend>{t('ui.feedback.split.part', { n: i + 1 })}{i === 0 ? ` — ${t('ui.feedback.split.keeps')}` : ''}</legend>
                    <TextArea label={t('ui.feedback.content')} value={p.content} onChange={setPart(i, 'content')} rows={4} required
                      error={errs[`parts.${i}.content`]} maxLength={10000} />
                    <div className="form-grid">
                      <SelectField label={t('ui.feedback.kind_label')} value={p.kind} onChange={setPart(i, 'kind')} required error={errs[`parts.${i}.kind`]}
                        options={KINDS.map((k) => ({ value: k, label: labels.kind(k) }))} />
                      <SelectField label={t('ui.feedback.topic_label')} value={p.topicCode} onChange={setPart(i, 'topicCode')} error={errs[`parts.${i}.topicCode`]}
                        options={[{ value: '', label: t('ui.feedback.topic_none') }, ...labels.topicOptions()]} />
                    </div>
                    {parts.length > 2 && (
                      <button type="button" className="small" onClick={() => setParts((ps) => ps.filter((_, j) => j !== i))}>
                        {t('ui.feedback.split.remove', { n: i + 1 })}
                      </button>
                    )}
                  </fieldset>
                </li>
              ))}
            </ol>
            <div className="form-actions fb-dialog-actions">
              {parts.length < MAX_PARTS && (
                <button type="button" onClick={() => setParts((ps) => [...ps, { content: '', kind: item.kind, topicCode: '' }])}>{t('ui.feedback.split.add')}</button>
              )}
              <button type="submit" className="primary" disabled={busy}>{busy ? t('ui.busy') : t('ui.feedback.split.submit', { n: parts.length })}</button>
              <button type="button" onClick={close}>{t('ui.feedback.cancel')}</button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}
