// One block of a draft's body in the editor: headings and paragraphs in a textarea, a list one item per line, a
// table shown read-only (its figures come from the data the draft was built from), a QR code with its caption.
import { useT } from '../i18n.ts';
import { TextField } from '../ui/Field.tsx';
import { lines, type Block } from './model.ts';

interface Props {
  index: number;
  block: Block;
  errors: Record<string, string>;
  onChange: (b: Block) => void;
}

/** The first error whose field lies in this block ("blocks.3.text", "blocks.3.items.2"). */
function blockError(errors: Record<string, string>, index: number): string | undefined {
  const prefix = `blocks.${index}`;
  return Object.entries(errors).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];
}

/** The editor of one block. */
export function BlockEditor({ index, block, errors, onChange }: Props) {
  const t = useT();
  const error = blockError(errors, index);
  const n = index + 1;
  switch (block.kind) {
    case 'heading':
      return <TextField label={t('ui.documents.block.heading', { n })} value={block.text} error={error} onChange={(text) => onChange({ ...block, text })} />;
    case 'paragraph':
      return <TextField label={t('ui.documents.block.paragraph', { n })} multiline value={block.text} error={error} onChange={(text) => onChange({ ...block, text })} />;
    case 'list':
      return (
        <TextField label={t('ui.documents.block.list', { n })} multiline value={block.items.join('\n')} hint={t('ui.documents.one_per_line')} error={error}
          onChange={(v) => onChange({ ...block, items: lines(v) })} />
      );
    case 'qr':
      // The code is made from the data (a delegate's check-in address): only its caption is words to edit.
      return (
        <div className="field">
          <p className="label-row"><strong>{t('ui.documents.block.qr', { n })}</strong> <span className="muted">{block.url}</span></p>
          <TextField label={t('ui.documents.block.qr_caption', { n })} value={block.caption} error={error} onChange={(caption) => onChange({ ...block, caption })} />
        </div>
      );
    case 'table':
      return (
        <div className="field">
          <p className="label-row"><strong>{t('ui.documents.block.table', { n, rows: block.rows.length })}</strong></p>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">{t('ui.documents.block.table', { n, rows: block.rows.length })}</caption>
              <thead><tr>{block.columns.map((c, i) => <th key={i} scope="col">{c.header}</th>)}</tr></thead>
              <tbody>
                {block.rows.slice(0, 50).map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j} style={{ whiteSpace: 'pre-line' }}>{c}</td>)}</tr>)}
              </tbody>
            </table>
          </div>
          {block.rows.length > 50 && <p className="hint">{t('ui.documents.block.more_rows', { n: block.rows.length - 50 })}</p>}
          {error && <small className="field-error">{error}</small>}
        </div>
      );
  }
}
