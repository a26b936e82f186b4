// Downloads of the campaign's (anonymous) responses for the unit in focus and those below it: XLSX (responses,
// codebook, summary), CSV (UTF-8 with BOM, opens in Excel) and JSON. The server records each download.
import { qs } from '../api.ts';
import { useT } from '../i18n.ts';

const FORMATS = ['xlsx', 'csv', 'json'] as const;

export function ExportLinks({ campaignId, unitId, unitName }: { campaignId: number; unitId: number | null; unitName: string }) {
  const t = useT();
  return (
    <section className="export-links" aria-labelledby="export-title">
      <h3 id="export-title">{t('ui.export.title')}</h3>
      <p className="hint">{t('ui.export.help', { unit: unitName })}</p>
      <ul>
        {FORMATS.map((f) => (
          <li key={f}>
            <a className="button-link" href={`/api/campaigns/${campaignId}/export.${f}${qs({ unit: unitId })}`} download data-format={f}
              aria-label={t('ui.export.label', { format: t(`ui.export.${f}`), unit: unitName })}>
              <span aria-hidden="true">⬇</span> {t(`ui.export.${f}`)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
