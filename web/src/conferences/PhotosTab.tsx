// Photos of the conference: upload with a caption (the server re-encodes them and drops their metadata), choose
// which ones the public page shows, edit a caption, delete.
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, qs, request } from '../api.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { TextField } from '../ui/Field.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { Checkbox } from '../feedback/bits.tsx';
import { upload } from '../surveys/ImportTab.tsx';
import type { Conference, Photo } from './model.ts';

const MAX_BYTES = 10 * 1024 * 1024;

export function PhotosTab({ conference: c, onChanged }: { conference: Conference; onChanged: () => void }) {
  const t = useT();
  const { me } = useSession();
  const photos = useLoad(() => request<{ photos: Photo[] }>('GET', `/api/conferences/${c.id}/photos`), [c.id]);
  const list = photos.data?.photos ?? [];
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [caption, setCaption] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const up = useSubmit();
  const act = useSubmit();
  const errs = fieldErrors(up.error);
  const canEdit = c.allowed.includes('run') || c.allowed.includes('plan');
  const changed = () => {
    photos.reload();
    onChanged();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void up.run(async () => {
      if (!file) throw new ApiError(400, 'validation', t('errors.validation'), { photo: t('ui.conf.photo.no_file') });
      if (file.size > MAX_BYTES) throw new ApiError(400, 'validation', t('errors.validation'), { photo: t('ui.conf.photo.too_big') });
      // The server takes the image itself as the body, the caption in the query (src/http/routes/conferences/photos.ts).
      await upload<Photo>(`/api/conferences/${c.id}/photos${qs({ caption: caption.trim() })}`, file, file.type || 'image/jpeg', me.csrfToken);
      setNotice(t('ui.conf.photo.uploaded'));
      setFile(null);
      setCaption('');
      setFileKey((k) => k + 1);
      changed();
    });
  };
  const patch = (p: Photo, body: { caption?: string; public?: boolean }, undo?: () => void) => void act.run(async () => {
    try {
      await request('PATCH', `/api/conferences/${c.id}/photos/${p.id}`, body);
    } catch (e) {
      undo?.();
      throw e;
    }
    changed();
  });
  const remove = (p: Photo) => {
    if (!window.confirm(t('ui.conf.photo.delete_confirm'))) return;
    void act.run(async () => {
      await request('DELETE', `/api/conferences/${c.id}/photos/${p.id}`);
      setNotice(t('ui.conf.photo.deleted'));
      changed();
    });
  };

  return (
    <div className="conf-photos">
      <Notice>{notice}</Notice>
      {canEdit && (
        <form className="create-box conf-photo-form" onSubmit={submit} noValidate aria-labelledby="conf-photo-add">
          <h3 id="conf-photo-add">{t('ui.conf.photo.add')}</h3>
          <ErrorBanner error={up.error} />
          <div className="form-grid">
            <div className={`field${errs.photo ? ' has-error' : ''}`}>
              <label htmlFor="conf-photo-file">{t('ui.conf.photo.file')}</label>
              <input key={fileKey} id="conf-photo-file" type="file" accept="image/jpeg,image/png,image/webp,image/heic,image/heif"
                aria-invalid={errs.photo ? true : undefined} aria-describedby={`conf-photo-hint${errs.photo ? ' conf-photo-err' : ''}`}
                onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
              <small id="conf-photo-hint" className="hint">{t('ui.conf.photo.hint')}</small>
              {errs.photo && <small id="conf-photo-err" className="field-error">{errs.photo}</small>}
            </div>
            <TextField label={t('ui.conf.photo.caption')} value={caption} onChange={setCaption} error={errs.caption} />
          </div>
          <div className="form-actions"><button type="submit" className="primary" disabled={up.busy}>{up.busy ? t('ui.busy') : t('ui.conf.photo.upload')}</button></div>
        </form>
      )}
      <ErrorBanner error={photos.error ?? act.error} />
      {list.length === 0 && !photos.loading && <p className="muted">{t('ui.conf.photo.none')}</p>}
      <ul className="conf-gallery">
        {list.map((p) => <PhotoCard key={p.id} conferenceId={c.id} photo={p} canEdit={canEdit} onPatch={(b, undo) => patch(p, b, undo)} onRemove={() => remove(p)} />)}
      </ul>
    </div>
  );
}

function PhotoCard({ conferenceId, photo: p, canEdit, onPatch, onRemove }: {
  conferenceId: number; photo: Photo; canEdit: boolean; onPatch: (b: { caption?: string; public?: boolean }, undo?: () => void) => void; onRemove: () => void;
}) {
  const t = useT();
  const [caption, setCaption] = useState(p.caption ?? '');
  // Ticked at once; the server's answer (the list read again) confirms it or puts it back.
  const [shown, setShown] = useState(p.public);
  useEffect(() => setShown(p.public), [p.public]);
  return (
    <li className="conf-photo" data-photo={p.id}>
      <a href={`/api/conferences/${conferenceId}/photos/${p.id}.jpg`} target="_blank" rel="noreferrer">
        <img src={`/api/conferences/${conferenceId}/photos/${p.id}.jpg`} alt={p.caption || t('ui.conf.photo.no_caption')} loading="lazy" width={p.width} height={p.height} />
      </a>
      {canEdit ? (
        <div className="conf-photo-edit">
          <form className="conf-inline" onSubmit={(e) => {
            e.preventDefault();
            onPatch({ caption: caption.trim() });
          }}>
            <label className="sr-only" htmlFor={`conf-cap-${p.id}`}>{t('ui.conf.photo.caption')}</label>
            <input id={`conf-cap-${p.id}`} type="text" value={caption} onChange={(e) => setCaption(e.target.value)} placeholder={t('ui.conf.photo.caption')} />
            <button type="submit" className="small" disabled={caption.trim() === (p.caption ?? '')}>{t('ui.save')}</button>
          </form>
          <div className="conf-photo-row">
            <Checkbox label={t('ui.conf.photo.public')} checked={shown} onChange={(v) => {
              setShown(v);
              onPatch({ public: v }, () => setShown(!v));
            }} />
            <button type="button" className="small danger" onClick={onRemove}>{t('ui.conf.photo.delete')}</button>
          </div>
        </div>
      ) : (
        <p className="conf-photo-caption">{p.caption}{p.public && <span className="tag">{t('ui.conf.photo.public')}</span>}</p>
      )}
    </li>
  );
}
