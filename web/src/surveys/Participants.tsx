// The units taking part: each one's public form (link, QR code as SVG on screen and PNG to print), population
// and target, and the duplicate counters the form keeps; managers edit a unit's target with the sample-size
// helper beside it.
import { useMemo, useState } from 'react';
import { fold } from '../dates.ts';
import { useT } from '../i18n.ts';
import type { CampaignDetail, Participant } from '../types.ts';
import { TargetEditor } from './TargetEditor.tsx';
import { useFormat } from './format.ts';

export function Participants({ campaign, onChanged }: { campaign: CampaignDetail; onChanged: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<number | null>(null);
  // The server sends state changes only to managers; an archived campaign takes no more changes anyway.
  const canEdit = campaign.actions.length > 0;
  const rows = useMemo(() => {
    const f = fold(filter.trim());
    return campaign.participants.filter((p) => !f || fold(p.name ?? '').includes(f) || p.slug.includes(f));
  }, [campaign.participants, filter]);
  const origin = window.location.origin;
  const totalTarget = campaign.participants.reduce((a, p) => a + (p.target ?? 0), 0);

  const unitCells = (p: Participant) => {
    const url = `${origin}${p.formPath}`;
    const name = p.name ?? p.slug;
    return (
      <>
        <th scope="row" data-label={t('ui.surveys.unit')}>{name}</th>
        <td data-label={t('ui.surveys.form')}>
          <a href={p.formPath} target="_blank" rel="noopener" className="form-url">{url}</a>
        </td>
        <td data-label={t('ui.surveys.qr')}>
          <div className="qr-box">
            <img src={`/s/${p.slug}/qr.svg`} alt={t('ui.surveys.qr_alt', { name })} width={88} height={88} loading="lazy" />
            <a href={`/s/${p.slug}/qr.png`} download={`qr-${p.slug}.png`} aria-label={t('ui.surveys.qr_png_label', { name })}>{t('ui.surveys.qr_png')}</a>
          </div>
        </td>
        <td data-label={t('ui.surveys.population')} className="num">{fmt.int(p.population)}</td>
        <td data-label={t('ui.surveys.target')} className="num">{fmt.int(p.target)}</td>
        <td data-label={t('ui.surveys.duplicates')} className="num" title={t('ui.surveys.duplicates_help')}>
          {fmt.int(p.suspectedDuplicates)} / {fmt.int(p.blockedDuplicates)}
        </td>
      </>
    );
  };

  return (
    <section className="panel" aria-labelledby="units-title">
      <h2 id="units-title">{t('ui.surveys.tab_units')}</h2>
      <p className="muted">
        {totalTarget
          ? t('ui.surveys.units_summary', { n: fmt.int(campaign.participants.length), target: fmt.int(totalTarget), margin: fmt.pct(campaign.marginPermille / 1000) })
          : t('ui.surveys.units_summary_no_target', { n: fmt.int(campaign.participants.length), margin: fmt.pct(campaign.marginPermille / 1000) })}
      </p>
      <div className="inline-form participants-filter">
        <label htmlFor="p-filter" className="sr-only">{t('ui.surveys.filter_units')}</label>
        <input id="p-filter" type="search" value={filter} placeholder={t('ui.surveys.filter_units')} onChange={(e) => setFilter(e.target.value)} />
      </div>
      <p className="hint">{t('ui.surveys.duplicates_help')}</p>
      <div className="table-wrap">
        <table className="stack participants">
          <thead>
            <tr>
              <th scope="col">{t('ui.surveys.unit')}</th><th scope="col">{t('ui.surveys.form')}</th><th scope="col">{t('ui.surveys.qr')}</th>
              <th scope="col" className="num">{t('ui.surveys.population')}</th><th scope="col" className="num">{t('ui.surveys.target')}</th>
              <th scope="col" className="num">{t('ui.surveys.duplicates')}</th>
              {canEdit && <th scope="col"><span className="sr-only">{t('ui.surveys.edit_target')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <ParticipantRow key={p.unitId} p={p} cells={unitCells(p)} canEdit={canEdit} editing={editing === p.unitId}
                onEdit={() => setEditing(editing === p.unitId ? null : p.unitId)}
                editor={<TargetEditor campaign={campaign} participant={p} onSaved={() => {
                  setEditing(null);
                  onChanged();
                }} onCancel={() => setEditing(null)} />} />
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p className="muted">{t('ui.surveys.no_units')}</p>}
    </section>
  );
}

function ParticipantRow({ p, cells, canEdit, editing, onEdit, editor }: {
  p: Participant; cells: React.ReactNode; canEdit: boolean; editing: boolean; onEdit: () => void; editor: React.ReactNode;
}) {
  const t = useT();
  return (
    <>
      <tr data-unit={p.unitId} data-slug={p.slug}>
        {cells}
        {canEdit && (
          <td>
            <button type="button" className="small" aria-expanded={editing} onClick={onEdit}
              aria-label={t('ui.surveys.edit_target_of', { name: p.name ?? p.slug })}>{t('ui.surveys.edit_target')}</button>
          </td>
        )}
      </tr>
      {editing && (
        <tr className="editor-row">
          <td colSpan={7}>{editor}</td>
        </tr>
      )}
    </>
  );
}
