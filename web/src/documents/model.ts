// Shapes of the official documents API (src/commands/documents/*), as the console reads them.

export type DocType = 'BC' | 'BB' | 'GM' | 'TB' | 'KH';
export const DOC_TYPES: DocType[] = ['BC', 'BB', 'GM', 'TB', 'KH'];
export const AUTHORITIES = ['', 'TM.', 'KT.', 'Q.', 'TL.', 'TUQ.'] as const;

export type Align = 'left' | 'center' | 'right';
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; italic?: boolean; bold?: boolean; noIndent?: boolean; align?: Align }
  | { kind: 'table'; columns: { header: string; share: number; align?: Align }[]; rows: string[][] }
  | { kind: 'list'; items: string[] }
  | { kind: 'qr'; url: string; caption: string };

export interface Signer {
  authority: string | null;
  titleLines: string[];
  name: string | null;
}

export interface OfficialModel {
  type: DocType;
  subject: string;
  header: { parentBody: string | null; issuingBody: string; symbolSuffix: string; place: string };
  number: number | null;
  issuedOn: string | null;
  year: number;
  blocks: Block[];
  signers: Signer[];
  recipients: string[];
}

export interface IssuedRef {
  id: number;
  number: number;
  symbol: string;
  issuedOn: string;
}

export interface Draft {
  id: number;
  unitId: number;
  unitName: string;
  type: DocType;
  typeName: string;
  entity: { type: string; id: number | null } | null;
  model: OfficialModel;
  state: 'draft' | 'issued';
  issued: IssuedRef | null;
  allowed: ('edit' | 'issue')[];
  createdAt: string;
  updatedAt: string;
}

export interface IssuedDocument extends IssuedRef {
  unitId: number;
  unitName: string;
  type: DocType;
  year: number;
  title: string;
  entity: { type: string; id: number | null } | null;
  files: { docx: string; pdf: string };
}

export interface IssuedList {
  documents: IssuedDocument[];
  total: number;
}

export interface DraftList {
  drafts: { id: number; unitId: number; type: DocType; subject: string; state: 'draft' | 'issued'; issuedDocumentId: number | null; updatedAt: string }[];
}

export interface UnitHeader {
  unitId: number;
  configured: boolean;
  canEdit: boolean;
  parentBody: string | null;
  issuingBody: string;
  symbolSuffix: string;
  place: string;
  signerAuthority: string | null;
  signerTitle: string;
  signerName: string | null;
  recipients: string[];
}

/** Lines of a textarea: trimmed, blank ones dropped. */
export function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** The files of an issued document and the previews of a draft. */
export const issuedFile = (id: number, ext: 'pdf' | 'docx') => `/api/documents/${id}.${ext}`;
export const previewFile = (draftId: number, ext: 'pdf' | 'docx') => `/api/documents/drafts/${draftId}/preview.${ext}`;

/** A fieldset that only groups (disabling its controls at once) without drawing a frame. */
export const PLAIN_FIELDSET = { border: 0, padding: 0, margin: 0, minWidth: 0 } as const;
