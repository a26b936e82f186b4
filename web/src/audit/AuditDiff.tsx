// An event's before and after side by side, changed fields marked; then where it came from and its hash.
import { useT } from '../i18n.ts';
import type { AuditEvent } from '../types.ts';

const show = (v: unknown) => (v === undefined ? '' : v === null ? '∅' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : v == null ? {} : { value: v });

export function AuditDiff({ event }: { event: AuditEvent }) {
  const t = useT();
  const before = asRecord(event.before);
  const after = asRecord(event.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return (
    <div className="audit-diff">
      {keys.length === 0 ? <p className="muted">{t('ui.audit.no_data')}</p> : (
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">{t('ui.audit.field')}</th><th scope="col">{t('ui.audit.before')}</th><th scope="col">{t('ui.audit.after')}</th></tr></thead>
            <tbody>
              {keys.map((k) => {
                const changed = show(before[k]) !== show(after[k]);
                return (
                  <tr key={k} className={changed ? 'changed' : undefined}>
                    <th scope="row">{k}{changed && <span className="sr-only"> ({t('ui.audit.changed')})</span>}</th>
                    <td>{show(before[k])}</td>
                    <td>{show(after[k])}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <dl className="facts small">
        <dt>IP</dt><dd>{event.ip ?? '—'}</dd>
        <dt>{t('ui.audit.user_agent')}</dt><dd>{event.userAgent ?? '—'}</dd>
        <dt>{t('ui.audit.hash')}</dt><dd><code className="hash">{event.hash}</code></dd>
      </dl>
    </div>
  );
}
