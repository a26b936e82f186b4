// Request shapes for the feedback register (staff API). Sizes are limited here; meaning is checked by commands.
import { z } from 'zod';
import { CHANNELS, CONSENT_PURPOSES, KINDS } from '../../../core/feedback/kinds.ts';
import { ACTIONS } from '../../../core/feedback/lifecycle.ts';
import { Id, IsoDate } from '../units/schema.ts';

export const CONTENT_MAX = 10_000;
const text = (max: number) => z.string().max(max).transform((s) => s.normalize('NFC'));
const optText = (max: number) => text(max).nullable().optional();
const Kind = z.enum(KINDS as [string, ...string[]]).transform((k) => k as (typeof KINDS)[number]);
const STATES = ['received', 'accepted', 'refused', 'forwarded', 'transferred', 'assigned', 'in_progress', 'answer_drafted', 'approved', 'closed'] as const;
const bool = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');

export const Submitter = z.object({
  fullName: optText(200),
  phone: z.string().trim().regex(/^[+0-9 .()-]{6,20}$/, { message: 'key:feedback.phone_format' }).nullable().optional(),
  email: z.email().max(200).nullable().optional().or(z.literal('').transform(() => null)),
  address: optText(300),
  roleTitle: optText(200),
  organisation: optText(200),
}).strict();

export const OfficerEntryBody = z.object({
  unitId: Id,
  channel: z.enum(CHANNELS as [string, ...string[]]).transform((c) => c as (typeof CHANNELS)[number]),
  kind: Kind,
  topicCode: z.string().max(40).nullable().optional(),
  summary: optText(300),
  content: text(CONTENT_MAX).refine((s) => s.trim().length > 0, { message: 'key:validation.required' }),
  location: optText(300),
  receivedOn: IsoDate.nullable().optional(),
  submitter: Submitter.nullable().optional(),
  consents: z.array(z.enum(CONSENT_PURPOSES)).max(CONSENT_PURPOSES.length).optional(),
  source: z.object({ type: z.enum(['conference', 'survey_response']), ref: z.string().max(100) }).strict().nullable().optional(),
}).strict();

export const ListQuery = z.object({
  unitId: z.coerce.number().pipe(Id).optional(),
  state: z.union([z.enum(STATES), z.array(z.enum(STATES)).max(10)]).optional(),
  open: bool.optional(),
  overdue: bool.optional(),
  dueSoon: bool.optional(),
  kind: Kind.optional(),
  topicCode: z.string().max(40).optional(),
  channel: z.enum(CHANNELS as [string, ...string[]]).transform((c) => c as (typeof CHANNELS)[number]).optional(),
  mine: bool.optional(),
  rereview: bool.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(['due', 'received', 'register']).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  lang: z.string().optional(),
}).strict();

export const ActionBody = z.object({
  action: z.enum(ACTIONS as [string, ...string[]]).transform((a) => a as (typeof ACTIONS)[number]),
  reason: optText(2000),
  publicMessage: optText(4000),
  internalNote: optText(4000),
  assigneeId: Id.nullable().optional(),
  targetUnitId: Id.nullable().optional(),
  targetName: optText(300),
  answer: optText(CONTENT_MAX),
  outcome: z.enum(['resolved', 'explained', 'thanked']).nullable().optional(),
  duplicateOf: Id.nullable().optional(),
}).strict();

export const ClassifyBody = z.object({
  kind: Kind.optional(),
  topicCode: z.string().max(40).nullable().optional(),
  concernedUnitId: Id.nullable().optional(),
  concernedOfficer: optText(200),
  summary: text(300).optional(),
}).strict();

export const NoteBody = z.object({ note: text(4000) }).strict();

export const SplitBody = z.object({
  parts: z.array(z.object({
    content: text(CONTENT_MAX), kind: Kind, topicCode: z.string().max(40).nullable().optional(), summary: optText(300),
  }).strict()).min(2).max(10),
}).strict();

export const StatsQuery = z.object({
  unitId: z.coerce.number().pipe(Id),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  lang: z.string().optional(),
}).strict();

export const AttachmentParams = z.object({ id: z.coerce.number().pipe(Id), attachmentId: z.coerce.number().pipe(Id) });

export const CommentsQuery = z.object({
  unitId: z.coerce.number().pipe(Id).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  lang: z.string().optional(),
}).strict();

export const CopyCommentBody = z.object({ responseId: Id, questionId: z.string().min(1).max(40) }).strict();

/** A staff file's query: its name as the officer's computer called it, and whether it goes with the answer. */
export const StaffFileQuery = z.object({
  filename: z.string().max(300).optional(),
  public: z.enum(['1', '0', 'true', 'false']).optional(),
  lang: z.string().optional(),
}).strict();
