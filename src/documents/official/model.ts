// One description of an official document (Nghị định 30/2020/NĐ-CP), rendered by docx.ts to DOCX and by pdf.ts to
// PDF, so the two files never say different things. Builders (documents/conference/*) produce the content; the
// unit's header, the number and the date are added when a draft is made and when it is issued.
import { z } from 'zod';

export const DOC_TYPES = ['BC', 'BB', 'GM', 'TB', 'KH'] as const;
export type DocTypeCode = (typeof DOC_TYPES)[number];

/** The document type as printed above the subject (always Vietnamese: these are official documents). */
export const DOC_TYPE_NAMES: Record<DocTypeCode, string> = {
  BC: 'BÁO CÁO', BB: 'BIÊN BẢN', GM: 'GIẤY MỜI', TB: 'THÔNG BÁO', KH: 'KẾ HOẠCH',
};

export interface DocumentHeader {
  /** The body directly above ("Công an tỉnh Thanh Hóa"), printed in capitals, not bold; null at the top. */
  parentBody: string | null;
  /** The issuing body ("Công an xã Thiệu Hóa"), printed in bold capitals. */
  issuingBody: string;
  /** The body's abbreviation in the symbol: "CAX" in "05/BC-CAX". */
  symbolSuffix: string;
  /** The place on the date line ("Thiệu Hóa"). */
  place: string;
}

export interface Signer {
  /** "TM.", "KT.", "Q.", "TL.", "TUQ." or null when the head signs in their own name. */
  authority: string | null;
  /** Title lines in capitals: ["TRƯỞNG CÔNG AN XÃ"], or for KT. ["TRƯỞNG CÔNG AN XÃ", "PHÓ TRƯỞNG CÔNG AN XÃ"]. */
  titleLines: string[];
  /** The name under the signature; null leaves the space blank. */
  name: string | null;
}

/** A unit's configured header: the document header, who signs and the default recipients (document_headers). */
export interface HeaderSettings {
  parentBody: string | null;
  issuingBody: string;
  symbolSuffix: string;
  place: string;
  signerAuthority: string | null;
  /** One line, or two for KT. ("Trưởng Công an xã\nPhó Trưởng Công an xã"). */
  signerTitle: string;
  signerName: string | null;
  recipients: string[];
}

export type Align = 'left' | 'center' | 'right';

export interface TableColumn {
  header: string;
  /** Share of the text width; shares are scaled to add up to the whole width. */
  share: number;
  align?: Align;
}

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; italic?: boolean; bold?: boolean; noIndent?: boolean; align?: Align }
  | { kind: 'table'; columns: TableColumn[]; rows: string[][] }
  | { kind: 'list'; items: string[] }
  /** A QR code with its caption under it (a delegate's personal check-in address on the invitation). */
  | { kind: 'qr'; url: string; caption: string };

/** What a builder produces: the content, without the unit's header, the number or the date. */
export interface DraftContent {
  type: DocTypeCode;
  subject: string;
  blocks: Block[];
  /** One signer (right), or two (left and right: the minutes' secretary and chair); omitted: the unit's signer. */
  signers?: Signer[];
  /** "Nơi nhận" without dashes; omitted: the unit's default recipients. Empty: no "Nơi nhận" block. */
  recipients?: string[];
}

export interface OfficialModel {
  type: DocTypeCode;
  subject: string;
  header: DocumentHeader;
  /** Null in a draft: "Số:      /BC-CAX" for the clerk to fill in. */
  number: number | null;
  /** YYYY-MM-DD, or null in a draft (day and month left blank). */
  issuedOn: string | null;
  /** The year on a blank date line. */
  year: number;
  blocks: Block[];
  signers: Signer[];
  recipients: string[];
}

// Limits: a province's year of opinions fits (a 300-row table, 20 000-character paragraphs) with room to spare,
// a runaway client does not.
export const LIMITS = {
  subject: 500, text: 50_000, blocks: 400, rows: 3000, columns: 12, cell: 5000, listItems: 500,
  recipients: 30, recipient: 300, titleLines: 4, titleLine: 200, name: 120, modelBytes: 2_000_000,
} as const;

// Characters XML 1.0 cannot carry: a pasted control character must not make an unreadable DOCX.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** NFC, no characters XML refuses, Windows line ends as \n: what every string in a model goes through. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(/\r\n?/g, '\n').replace(XML_INVALID, '');
}

const Text = (max: number) => z.string().max(max).transform(cleanText);
const AlignSchema = z.enum(['left', 'center', 'right']);

export const BlockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('heading'), text: Text(LIMITS.subject * 2) }).strict(),
  z.object({
    kind: z.literal('paragraph'), text: Text(LIMITS.text),
    italic: z.boolean().optional(), bold: z.boolean().optional(), noIndent: z.boolean().optional(), align: AlignSchema.optional(),
  }).strict(),
  z.object({
    kind: z.literal('table'),
    columns: z.array(z.object({ header: Text(LIMITS.titleLine), share: z.number().positive().max(1000), align: AlignSchema.optional() }).strict())
      .min(1).max(LIMITS.columns),
    rows: z.array(z.array(Text(LIMITS.cell)).max(LIMITS.columns)).max(LIMITS.rows),
  }).strict().refine((t) => t.rows.every((r) => r.length === t.columns.length), { message: 'key:documents.table_shape', path: ['rows'] }),
  z.object({ kind: z.literal('list'), items: z.array(Text(LIMITS.text)).max(LIMITS.listItems) }).strict(),
  z.object({ kind: z.literal('qr'), url: z.string().max(500).regex(/^https?:\/\/\S+$/), caption: Text(LIMITS.text) }).strict(),
]);

export const SignerSchema = z.object({
  authority: Text(10).nullable(),
  titleLines: z.array(Text(LIMITS.titleLine)).min(1).max(LIMITS.titleLines),
  name: Text(LIMITS.name).nullable(),
}).strict();

export const RecipientsSchema = z.array(Text(LIMITS.recipient)).max(LIMITS.recipients);

/** The editable part of a draft: what PUT /api/documents/drafts/:id accepts (all optional). */
export const DraftEditSchema = z.object({
  subject: Text(LIMITS.subject).refine((s) => s.trim().length > 0, { message: 'key:validation.required' }).optional(),
  blocks: z.array(BlockSchema).max(LIMITS.blocks).optional(),
  signers: z.array(SignerSchema).min(1).max(2).optional(),
  recipients: RecipientsSchema.optional(),
}).strict();
export type DraftEdit = z.infer<typeof DraftEditSchema>;

/** "05" for 5: numbers below 10 take a leading zero (Nghị định 30, Phụ lục I). */
export function formatNumber(n: number): string {
  return String(n).padStart(2, '0');
}

/** "05/BC-CAX", or "/BC-CAX" without a number. */
export function symbolOf(type: DocTypeCode, suffix: string, number: number | null): string {
  const tail = `${type}${suffix ? `-${suffix}` : ''}`;
  return number === null ? `/${tail}` : `${formatNumber(number)}/${tail}`;
}

/** The number line: "Số: 05/BC-CAX", or "Số:      /BC-CAX" left blank for the clerk in a draft. */
export function numberLine(m: OfficialModel): string {
  return m.number === null ? `Số:      ${symbolOf(m.type, m.header.symbolSuffix, null)}` : `Số: ${symbolOf(m.type, m.header.symbolSuffix, m.number)}`;
}

const upper = (s: string) => cleanText(s).toLocaleUpperCase('vi');

/** The signer's lines as printed, in capitals: "KT. TRƯỞNG CÔNG AN XÃ", "PHÓ TRƯỞNG CÔNG AN XÃ". */
export function signerLines(s: Signer): string[] {
  const lines = s.titleLines.map(upper).filter((l) => l.trim());
  if (s.authority && lines.length) lines[0] = `${upper(s.authority.trim())} ${lines[0]}`;
  return lines;
}

/** "Nơi nhận" entries without dashes or end marks, the archive ("Lưu: VT") last, added when missing; none for none. */
export function recipientEntries(recipients: string[]): string[] {
  const list = recipients.map((r) => cleanText(r).trim().replace(/^[-–•]\s*/, '').replace(/[;.,\s]+$/, '')).filter(Boolean);
  if (!list.length) return [];
  const archive = list.filter((r) => /^lưu(\s|:|$)/iu.test(r));
  return [...list.filter((r) => !archive.includes(r)), ...(archive.length ? archive : ['Lưu: VT'])];
}

/** "Nơi nhận" entries as printed: "- X;" each, the last "- Lưu: VT.". */
export function recipientLines(recipients: string[]): string[] {
  const list = recipientEntries(recipients);
  return list.map((r, i) => `- ${r}${i === list.length - 1 ? '.' : ';'}`);
}

/** The blocks with "./." closing the body: appended to the last paragraph, or as a paragraph of its own. */
export function closedBlocks(blocks: Block[]): Block[] {
  const out = [...blocks];
  const last = out[out.length - 1];
  if (last?.kind === 'paragraph' && last.text.trim()) {
    const text = last.text.trimEnd();
    if (!text.endsWith('./.')) out[out.length - 1] = { ...last, text: `${text.replace(/[.;:,]+$/, '')}./.` };
  } else {
    out.push({ kind: 'paragraph', text: './.', noIndent: true, align: 'right' });
  }
  return out;
}

/** A full model from a builder's content, the unit's header and defaults, a number and a date (both null in a draft). */
export function completeModel(content: DraftContent, header: DocumentHeader, defaults: { signer: Signer; recipients: string[] },
  at: { number: number | null; issuedOn: string | null; year: number }): OfficialModel {
  return {
    type: content.type,
    subject: cleanText(content.subject),
    header,
    number: at.number,
    issuedOn: at.issuedOn,
    year: at.year,
    blocks: content.blocks,
    signers: content.signers?.length ? content.signers : [defaults.signer],
    recipients: content.recipients ?? defaults.recipients,
  };
}

/** A file name for the document: "05-BC-CAX-2026.docx", "du-thao-BC.pdf". */
export function fileName(m: OfficialModel, ext: 'docx' | 'pdf'): string {
  const base = m.number === null ? `du-thao-${m.type}` : `${formatNumber(m.number)}-${m.type}-${m.header.symbolSuffix || 'VB'}-${m.year}`;
  return `${base.replace(/[^A-Za-z0-9-]/g, '')}.${ext}`;
}
