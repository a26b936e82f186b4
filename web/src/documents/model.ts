// Shapes of the official documents API (src/commands/documents/*), as the console reads them.

import type { Align, Block, DocTypeCode, HeaderSettings, OfficialModel, Signer } from '../../../src/documents/official/model.ts';

export type { Align, Block, OfficialModel, Signer };
export type DocType = DocTypeCode;
export const DOC_TYPES: DocType[] = ['BC', 'BB', 'GM', 'TB', 'KH'];
export const AUTHORITIES = ['', 'TM.', 'KT.', 'Q.', 'TL.', 'TUQ.'] as const;

export interface UnitHeader extends HeaderSettings {
  unitId: number;
  configured: boolean;
  canEdit: boolean;
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

/** Lines of a textarea: trimmed, blank ones dropped. */
export function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** The files of an issued document and the previews of a draft. */
export const issuedFile = (id: number, ext: 'pdf' | 'docx') => `/api/documents/${id}.${ext}`;
export const previewFile = (draftId: number, ext: 'pdf' | 'docx') => `/api/documents/drafts/${draftId}/preview.${ext}`;

/** A fieldset that only groups (disabling its controls at once) without drawing a frame. */
export const PLAIN_FIELDSET = { border: 0, padding: 0, margin: 0, minWidth: 0 } as const;
