// Files on an item other than the citizen's photos: those staff attached (a scanned reply letter sent with the
// answer, or an internal record) and any other file. Handlers add files here and remove their own; a file sent
// with an answer that is already published stays (the server refuses, and the button is not offered).
import { useRef, useState } from 'react';
import { ApiError, qs, request } from '../api.ts';
import { useT } from '../i18n.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import type { FeedbackDetail } from './model.ts';

type Attachment = FeedbackDetail['attachments'][number];

export function StaffFiles({ item, canHandle, onChanged }: { item: FeedbackDetail; canHandle: boolean; onChanged: (text: string) => void }) {
  const t = useT();
  const files = item.attachments.filter((a) => !(a.role === 'photo' && a.mime.startsWith('image/')));
  const published = item.publicAnswer !== null && (item.state === 'approved' || item.state === 'closed');
  const input = useRef<HTMLInputElement>(null);
  const [withAnswer, setWithAnswer] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function upload() {
    const file = input.current?.files?.[0];
    if (!file) return setError(new ApiError(400, 'validation', '', { file: t('validation.required') }));
    setBusy(true);
    setError(null);
    try {
      await request('POST', `/api/feedback/${item.id}/attachments${qs({ filename: file.name, public: withAnswer ? 1 : 0 })}`, file, file.type || 'application/octet-stream');
      if (input.current) input.current.value = '';
      onChanged(t('ui.feedback.file_added', { name: file.name }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function remove(a: Attachment) {
    if (!window.confirm(t('ui.feedback.file_remove_confirm', { name: a.filename ?? `#${a.id}` }))) return;
    try {
      await request('DELETE', `/api/feedback/${item.id}/attachments/${a.id}`);
      onChanged(t('ui.feedback.file_removed', { name: a.filename ?? `#${a.id}` }));
    } catch (e) {
      setError(e);
    }
  }

  if (!files.length && !canHandle) return null;
  const fieldError = error instanceof ApiError ? error.fields.file : undefined;
  return (
    <section className="fb-files-panel" aria-labelledby="fb-files-title">
      <h3 id="fb-files-title">{t('ui.feedback.files')}</h3>
      {files.length > 0 && (
        <ul className="fb-files">
          {files.map((a) => (
            <li key={a.id}>
              <a href={`/api/feedback/${item.id}/attachments/${a.id}`} target="_blank" rel="noopener noreferrer">{a.filename ?? `#${a.id}`}</a>{' '}
              <span className="muted">({Math.max(1, Math.round(a.size / 1024))} KB)</span>{' '}
              <span className={a.role === 'answer' ? 'tag tag-satisfied' : 'tag'}>{t(a.role === 'answer' ? 'ui.feedback.file_with_answer' : 'ui.feedback.file_internal')}</span>
              {canHandle && a.role !== 'photo' && !(a.role === 'answer' && published) && (
                <button type="button" className="small danger fb-file-remove" onClick={() => void remove(a)}>{t('ui.feedback.file_remove')}</button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canHandle && (
        <div className="fb-file-add">
          {error && !fieldError ? <ErrorBanner error={error} /> : null}
          <label htmlFor="fb-file">{t('ui.feedback.file_pick')}</label>
          <input id="fb-file" ref={input} type="file" accept="application/pdf,image/jpeg,image/png,image/webp" aria-describedby="fb-file-hint" aria-invalid={fieldError ? true : undefined} />
          <span id="fb-file-hint" className="muted">{fieldError ?? t('ui.feedback.file_hint')}</span>
          <label className="fb-check"><input type="checkbox" checked={withAnswer} onChange={(e) => setWithAnswer(e.target.checked)} /> {t('ui.feedback.file_public')}</label>
          <button type="button" className="primary" onClick={() => void upload()} disabled={busy}>{t('ui.feedback.file_add')}</button>
        </div>
      )}
    </section>
  );
}
