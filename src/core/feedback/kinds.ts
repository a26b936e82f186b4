// Kinds of input and where each must go (DOMAIN.md): the feedback workflow, or out of it to a legal procedure.
import type { FeedbackChannel, FeedbackKind, FeedbackProcedure } from '../../db/schema.ts';

export const KINDS: readonly FeedbackKind[] = ['suggestion', 'report', 'request', 'praise', 'complaint', 'denunciation', 'crime_report'];

export const CHANNELS: readonly FeedbackChannel[] = [
  'web', 'qr', 'hotline', 'letter', 'walk_in', 'suggestion_box', 'conference', 'survey', 'import', 'partner',
];
/** Channels an officer keys in by hand (the public ones arrive by themselves). */
export const OFFICER_CHANNELS: readonly FeedbackChannel[] = ['hotline', 'letter', 'walk_in', 'suggestion_box', 'conference'];

/** Khiếu nại, tố cáo and tố giác leave this workflow for their own procedure. */
export function procedureOf(kind: FeedbackKind): FeedbackProcedure | null {
  switch (kind) {
    case 'complaint': return 'complaint';
    case 'denunciation': return 'denunciation';
    case 'crime_report': return 'crime_report';
    default: return null;
  }
}

export function isKind(s: string): s is FeedbackKind {
  return (KINDS as readonly string[]).includes(s);
}

/**
 * Deadlines in working days. `ack`: tell the citizen accepted / forwarded / refused (10, DOMAIN.md); `forward`:
 * hand over what is outside the unit's competence (5, Nghị định 20/2008); `resolve`: answer an accepted item.
 * The feedback law names no resolve limit for góp ý / phản ánh / kiến nghị; 30 working days is our default and,
 * like every number here, an admin setting. For the flagged kinds the figures are the legal ones (calendar days
 * in the law; kept as working days' worth) and only inform the hand-over.
 */
export interface DeadlineRule {
  ack: number;
  forward: number;
  resolve: number | null;
}

export const DEFAULT_DEADLINES: Readonly<Record<FeedbackKind, DeadlineRule>> = {
  suggestion: { ack: 10, forward: 5, resolve: 30 },
  report: { ack: 10, forward: 5, resolve: 30 },
  request: { ack: 10, forward: 5, resolve: 30 },
  praise: { ack: 10, forward: 5, resolve: null },
  complaint: { ack: 10, forward: 5, resolve: 30 },
  denunciation: { ack: 7, forward: 5, resolve: 30 },
  crime_report: { ack: 20, forward: 5, resolve: 20 },
};

/** The default topic taxonomy (an admin can add, rename, retire topics). */
export const DEFAULT_TOPICS: readonly { code: string; parent?: string; vi: string; en: string }[] = [
  { code: 'security', vi: 'Tình hình an ninh, trật tự', en: 'Security situation' },
  { code: 'crime', vi: 'Tội phạm', en: 'Crime' },
  { code: 'drugs', vi: 'Ma túy', en: 'Drugs' },
  { code: 'traffic', vi: 'Trật tự an toàn giao thông', en: 'Traffic' },
  { code: 'fire', vi: 'Phòng cháy, chữa cháy', en: 'Fire safety' },
  { code: 'admin', vi: 'Thủ tục hành chính', en: 'Administrative procedures' },
  { code: 'admin_residence', parent: 'admin', vi: 'Cư trú', en: 'Residence' },
  { code: 'admin_id', parent: 'admin', vi: 'Căn cước, định danh điện tử', en: 'ID cards' },
  { code: 'conduct', vi: 'Tác phong, thái độ của cán bộ', en: "Officers' conduct" },
  { code: 'conduct_responsibility', parent: 'conduct', vi: 'Tinh thần trách nhiệm', en: 'Sense of responsibility' },
  { code: 'conduct_etiquette', parent: 'conduct', vi: 'Lễ tiết, tác phong', en: 'Etiquette and manner' },
  { code: 'conduct_communication', parent: 'conduct', vi: 'Giao tiếp, ứng xử', en: 'Communication and behaviour' },
  { code: 'service', vi: 'Phục vụ Nhân dân', en: 'Service to the people' },
  { code: 'other', vi: 'Khác', en: 'Other' },
];

/** Purposes a citizen may consent to, each with the version of the text they saw. */
export const CONSENT_PURPOSES = ['contact_updates', 'followup_survey'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_TEXT_VERSION: Readonly<Record<ConsentPurpose, string>> = {
  contact_updates: '2026-01',
  followup_survey: '2026-01',
};
