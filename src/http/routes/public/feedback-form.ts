// Reading the citizen's feedback form: multipart (the browser, with photos), urlencoded or JSON (other clients), to
// one shape; then its sizes and formats checked field by field (meaning — the unit, the deadlines — is the command's).
import type { FastifyError, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldIssue } from '../../../core/errors.ts';
import { CONSENT_PURPOSES } from '../../../core/feedback/kinds.ts';
import { PHOTO_LIMITS } from '../../../media/images.ts';
import { PUBLIC_KINDS, type FormValues } from '../../pages/feedback-pages.ts';
import { parseWith } from '../../validate.ts';
import { CONTENT_MAX } from '../feedback/schema.ts';

export function first(v: string[] | undefined): string | undefined {
  return v?.[0];
}

export interface Upload {
  filename: string;
  bytes: Buffer;
}

export interface RawForm {
  fields: Record<string, string[]>;
  files: Upload[];
  /** Fields cut at the multipart field size: certainly too long. */
  truncated: Set<string>;
  problems: Record<string, FieldIssue>;
  /** The body could not be read at all. */
  fatal: AppError | null;
}

export const MULTIPART_LIMITS = {
  fileSize: PHOTO_LIMITS.maxBytes, files: PHOTO_LIMITS.maxFiles, fields: 30, fieldSize: 64 * 1024, fieldNameSize: 64, parts: 40, headerPairs: 100,
};

export function fieldsOf(body: unknown): Record<string, string[]> | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const list = Array.isArray(v) ? v : [v];
    out[k] = list.filter((x) => typeof x === 'string' || typeof x === 'number').map(String);
  }
  return out;
}

export async function readForm(req: FastifyRequest): Promise<RawForm> {
  const form: RawForm = { fields: {}, files: [], truncated: new Set(), problems: {}, fatal: null };
  if (!req.isMultipart()) {
    const fields = fieldsOf(req.body);
    if (fields) form.fields = fields;
    else form.fatal = new AppError('unsupported_media_type');
    return form;
  }
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname !== 'photos' || (!part.filename && bytes.length === 0)) continue;
        form.files.push({ filename: part.filename.slice(0, 100), bytes });
      } else {
        (form.fields[part.fieldname] ??= []).push(String(part.value ?? ''));
        if (part.valueTruncated) form.truncated.add(part.fieldname);
      }
    }
  } catch (e) {
    const code = (e as FastifyError).code;
    if (code === 'FST_FILES_LIMIT') form.problems.photos = { key: 'feedback.photo_too_many', params: { max: PHOTO_LIMITS.maxFiles } };
    else if (code === 'FST_REQ_FILE_TOO_LARGE') form.problems.photos = { key: 'feedback.photo_too_big' };
    else if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') form.fatal = new AppError('payload_too_large');
    else form.fatal = new AppError('bad_request');
  }
  return form;
}

const optional = (max: number) => z.string().max(max).optional().transform((s) => s?.normalize('NFC').trim() || null);
const FeedbackForm = z.object({
  kind: z.enum(PUBLIC_KINDS),
  content: z.string().transform((s) => s.normalize('NFC').trim()).pipe(z.string().min(1).max(CONTENT_MAX)),
  location: optional(300),
  fullName: optional(200),
  phone: z.string().trim().regex(/^[+0-9 .()-]{6,20}$/, { message: 'key:validation.phone' }).optional(),
  email: z.email().max(200).optional(),
  address: optional(300),
  consents: z.array(z.enum(CONSENT_PURPOSES)).max(CONSENT_PURPOSES.length).optional(),
});

const FORM_FIELDS = ['kind', 'content', 'location', 'fullName', 'phone', 'email', 'address'] as const;

export function formValues(raw: Record<string, string[]>): FormValues {
  const v: FormValues = {};
  for (const k of FORM_FIELDS) {
    const x = first(raw[k]);
    if (x !== undefined) v[k] = x.slice(0, k === 'content' ? CONTENT_MAX + 1000 : 1000);
  }
  v.consents = (raw.consents ?? []).slice(0, 5);
  return v;
}

export type Parsed = z.infer<typeof FeedbackForm>;

export function validateForm(form: RawForm): { data: Parsed | null; issues: Record<string, FieldIssue> } {
  const issues: Record<string, FieldIssue> = {};
  const input: Record<string, unknown> = {};
  for (const k of FORM_FIELDS) {
    const x = first(form.fields[k])?.trim();
    if (x) input[k] = x;
  }
  if (form.fields.consents?.length) input.consents = form.fields.consents;
  let data: Parsed | null = null;
  try {
    data = parseWith(FeedbackForm, input);
  } catch (e) {
    if (!(e instanceof AppError) || !e.fields) throw e;
    Object.assign(issues, e.fields);
  }
  for (const k of form.truncated) if (k in input) issues[k] = { key: 'validation.too_long', params: { max: k === 'content' ? CONTENT_MAX : 300 } };
  if (issues.kind) issues.kind = { key: 'citizen.kind_required' };
  if (issues.consents) issues.consents = { key: 'validation.format' };
  if (first(form.fields.website)) issues.website = { key: 'citizen.honeypot_filled' };
  Object.assign(issues, form.problems);
  return { data: Object.keys(issues).length ? null : data, issues };
}
