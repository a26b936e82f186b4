// A unit's header for official documents: the bodies at the top left, the symbol ("CAX"), the place on the date
// line, who signs and the default "Nơi nhận". Without a saved header the one derived from the unit is shown.
import { useEffect, useState, type FormEvent } from 'react';
import { request } from '../api.ts';
import { useT } from '../i18n.ts';
import { ErrorBanner, Notice, fieldErrors } from '../ui/Alert.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { AUTHORITIES, PLAIN_FIELDSET, lines, type UnitHeader } from './model.ts';

interface Form {
  parentBody: string; issuingBody: string; symbolSuffix: string; place: string;
  signerAuthority: string; signerTitle: string; signerName: string; recipients: string;
}

const toForm = (h: UnitHeader): Form => ({
  parentBody: h.parentBody ?? '', issuingBody: h.issuingBody, symbolSuffix: h.symbolSuffix, place: h.place,
  signerAuthority: h.signerAuthority ?? '', signerTitle: h.signerTitle, signerName: h.signerName ?? '', recipients: h.recipients.join('\n'),
});

/** The header form of one unit. */
export function HeaderForm({ unitId }: { unitId: number }) {
  const t = useT();
  const header = useLoad(() => request<UnitHeader>('GET', `/api/documents/header/${unitId}`), [unitId]);
  const [form, setForm] = useState<Form | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const save = useSubmit();
  useEffect(() => {
    if (header.data) setForm(toForm(header.data));
  }, [header.data]);

  if (header.error) return <ErrorBanner error={header.error} />;
  if (!header.data || !form) return <p role="status">{t('ui.loading')}</p>;
  const h = header.data;
  const errs = fieldErrors(save.error);
  const set = (k: keyof Form) => (v: string) => {
    setForm({ ...form, [k]: v });
    setNotice(null);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run(async () => {
      await request('PUT', `/api/documents/header/${unitId}`, {
        parentBody: form.parentBody.trim() || null, issuingBody: form.issuingBody, symbolSuffix: form.symbolSuffix, place: form.place,
        signerAuthority: form.signerAuthority || null, signerTitle: form.signerTitle, signerName: form.signerName.trim() || null,
        recipients: lines(form.recipients),
      });
      setNotice(t('ui.documents.header_saved'));
      header.reload();
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      {!h.configured && <p className="hint">{t('ui.documents.header_derived')}</p>}
      {!h.canEdit && <p className="alert warn">{t('ui.documents.header_read_only')}</p>}
      <ErrorBanner error={save.error} />
      <Notice>{notice}</Notice>
      <fieldset disabled={!h.canEdit || save.busy} className="form-grid" style={PLAIN_FIELDSET}>
        <legend className="sr-only">{t('ui.documents.header')}</legend>
        <TextField label={t('ui.documents.parent_body')} value={form.parentBody} onChange={set('parentBody')} error={errs.parentBody} />
        <TextField label={t('ui.documents.issuing_body')} value={form.issuingBody} onChange={set('issuingBody')} required error={errs.issuingBody} />
        <TextField label={t('ui.documents.symbol_suffix')} value={form.symbolSuffix} onChange={set('symbolSuffix')} required error={errs.symbolSuffix}
          hint={t('ui.documents.symbol_hint')} />
        <TextField label={t('ui.documents.place')} value={form.place} onChange={set('place')} required error={errs.place} />
        <SelectField label={t('ui.documents.authority')} value={form.signerAuthority} onChange={set('signerAuthority')} error={errs.signerAuthority}
          options={AUTHORITIES.map((a) => ({ value: a, label: a || t('ui.documents.authority_none') }))} />
        <TextField label={t('ui.documents.signer_name_default')} value={form.signerName} onChange={set('signerName')} error={errs.signerName} />
        <TextField label={t('ui.documents.signer_title_default')} multiline value={form.signerTitle} onChange={set('signerTitle')} required
          error={errs.signerTitle} hint={t('ui.documents.signer_title_hint')} />
        <TextField label={t('ui.documents.recipients_default')} multiline value={form.recipients} onChange={set('recipients')}
          error={errs.recipients ?? Object.entries(errs).find(([k]) => k.startsWith('recipients.'))?.[1]} hint={t('ui.documents.recipients_hint')} />
        {h.canEdit && (
          <div className="form-actions">
            <button type="submit" className="primary" disabled={save.busy}>{save.busy ? t('ui.busy') : t('ui.save')}</button>
          </div>
        )}
      </fieldset>
    </form>
  );
}
