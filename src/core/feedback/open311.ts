// Open311 GeoReport v2 (pure): partner API keys, the topic taxonomy as services, what a partner posts and what it
// reads back, the open/closed status, and the JSON and XML shapes of the spec (including its error format).
//
// Decisions (docs for partners, see also commands/feedback/open311.ts):
// - service_request_id is the item's tracking code (the citizen can use the same code on the status page).
// - Idempotency: the partner's own reference for the report, sent as attribute[partner_ref] (form) or
//   {"attribute": {"partner_ref": ...}} (JSON), or else in an Idempotency-Key header. A retried POST with the same
//   reference answers the first item (200) instead of making a second one. A reference is up to 100 letters, digits
//   and . _ - : / # @. account_id is not used for this: the spec defines it as the submitter's account, which sends
//   many reports.
// - Names: Vietnamese order, family name first: full name = last_name + ' ' + first_name.
// - media_url is not fetched (no requests to addresses chosen by a client); photos come through the staff API.
import { createHash, randomBytes } from 'node:crypto';
import type { FeedbackState } from '../../db/schema.ts';
import { OPEN_STATES } from './lifecycle.ts';

// ---------------------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------------------

export const API_KEY_PREFIX = 'ln_';

/** A new partner key: 32 random bytes, base64url, prefixed so it is recognisable in a leaked config file. */
export function newApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Only this is stored: the key cannot be read back, a lost key is replaced. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Cheap shape check before any query: a key is `ln_` + 43 base64url characters. */
export function looksLikeApiKey(key: string): boolean {
  return /^ln_[A-Za-z0-9_-]{43}$/.test(key);
}

// ---------------------------------------------------------------------------------------------------------
// Formats and services
// ---------------------------------------------------------------------------------------------------------

export type Open311Format = 'json' | 'xml';

/** 'K7M2Q9XTR4.json' -> { name: 'K7M2Q9XTR4', format: 'json' }; null without a known extension. */
export function splitFormat(file: string): { name: string; format: Open311Format } | null {
  const m = /^(.+)\.(json|xml)$/i.exec(file);
  return m ? { name: m[1]!, format: m[2]!.toLowerCase() as Open311Format } : null;
}

/** The response format a URL asks for (errors raised before routing still answer in it). */
export function formatOfUrl(url: string): Open311Format {
  const path = url.split('?')[0] ?? '';
  return /\.xml$/i.test(path) ? 'xml' : 'json';
}

export interface TopicRow {
  code: string;
  parent_code: string | null;
  name_vi: string;
  name_en: string;
  keywords: string | null;
}

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

/** Topics as services: Vietnamese names; a sub-topic's group is its parent's name, a top topic groups itself. */
export function servicesOf(topics: readonly TopicRow[]): Open311Service[] {
  const byCode = new Map(topics.map((t) => [t.code, t]));
  return topics.map((t) => ({
    service_code: t.code,
    service_name: t.name_vi,
    description: t.name_en,
    metadata: false,
    type: 'realtime',
    keywords: (t.keywords ?? '').split(',').map((k) => k.trim()).filter(Boolean).join(', '),
    group: (t.parent_code ? byCode.get(t.parent_code)?.name_vi : undefined) ?? t.name_vi,
  }));
}

// ---------------------------------------------------------------------------------------------------------
// What a partner posts
// ---------------------------------------------------------------------------------------------------------

/** The fields of a POST, flattened to strings (form bodies, JSON bodies and attribute[x] in either shape). */
export interface RawRequest {
  api_key?: string;
  jurisdiction_id?: string;
  service_code?: string;
  description?: string;
  lat?: string;
  long?: string;
  address_string?: string;
  address_id?: string;
  email?: string;
  device_id?: string;
  account_id?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  media_url?: string;
  partner_ref?: string;
}

const FIELDS = [
  'api_key', 'jurisdiction_id', 'service_code', 'description', 'lat', 'long', 'address_string', 'address_id', 'email',
  'device_id', 'account_id', 'first_name', 'last_name', 'phone', 'media_url',
] as const;

const BAD = Symbol('bad');

/** A field value: strings and numbers as text; anything else (arrays from repeated keys, objects) is "bad". */
function scalar(v: unknown): string | undefined | typeof BAD {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return BAD;
}

/** Reads a body (form or JSON) into RawRequest; `bad` names fields sent in a shape we do not read. */
export function readRequestBody(body: unknown): { raw: RawRequest; bad: string[] } {
  const raw: RawRequest = {};
  const bad: string[] = [];
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { raw, bad: body === undefined || body === null ? [] : ['_'] };
  const b = body as Record<string, unknown>;
  for (const f of FIELDS) {
    const v = scalar(b[f]);
    if (v === BAD) bad.push(f);
    else if (v !== undefined) raw[f] = v;
  }
  const attr = b.attribute;
  const ref = scalar(b['attribute[partner_ref]'] ?? (attr && typeof attr === 'object' && !Array.isArray(attr) ? (attr as Record<string, unknown>).partner_ref : undefined));
  if (ref === BAD) bad.push('attribute[partner_ref]');
  else if (ref !== undefined) raw.partner_ref = ref;
  return { raw, bad };
}

/** The text kept in the item's location: the address and, when sent, the coordinates in brackets. */
export function locationText(address: string | null, lat: number | null, long: number | null): string | null {
  const coords = lat !== null && long !== null ? `${lat}, ${long}` : null;
  if (address && coords) return `${address} (${coords})`;
  return address ?? coords;
}

/** The reverse of locationText (staff-typed locations come back as an address without coordinates). */
export function parseLocation(location: string | null): { address: string | null; lat: number | null; long: number | null } {
  if (!location) return { address: null, lat: null, long: null };
  const num = '(-?\\d{1,3}(?:\\.\\d+)?)';
  const only = new RegExp(`^${num}, ${num}$`).exec(location);
  if (only) return { address: null, lat: Number(only[1]), long: Number(only[2]) };
  const withAddress = new RegExp(`^(.*) \\(${num}, ${num}\\)$`, 's').exec(location);
  if (withAddress) return { address: withAddress[1]!, lat: Number(withAddress[2]), long: Number(withAddress[3]) };
  return { address: location, lat: null, long: null };
}

/** Vietnamese order: family name (last_name) first. */
export function fullNameOf(first: string | null, last: string | null): string | null {
  const name = [last, first].map((s) => s?.trim()).filter(Boolean).join(' ');
  return name || null;
}

// ---------------------------------------------------------------------------------------------------------
// What a partner reads back
// ---------------------------------------------------------------------------------------------------------

/** Open311 knows open and closed: refused, forwarded, transferred and closed items are closed for the partner. */
export function statusOf(state: FeedbackState): 'open' | 'closed' {
  return (OPEN_STATES as readonly string[]).includes(state) ? 'open' : 'closed';
}

export interface RequestFacts {
  trackingCode: string;
  state: FeedbackState;
  topicCode: string | null;
  serviceName: string | null;
  content: string;
  location: string | null;
  receivedAt: string;
  updatedAt: string;
  agency: string | null;
  statusNotes: string | null;
}

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string | null;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export function requestView(f: RequestFacts): Open311Request {
  const loc = parseLocation(f.location);
  return {
    service_request_id: f.trackingCode,
    status: statusOf(f.state),
    status_notes: f.statusNotes,
    service_name: f.serviceName,
    service_code: f.topicCode,
    description: f.content,
    agency_responsible: f.agency,
    service_notice: null,
    requested_datetime: f.receivedAt,
    updated_datetime: f.updatedAt,
    expected_datetime: null,
    address: loc.address,
    address_id: null,
    zipcode: null,
    lat: loc.lat,
    long: loc.long,
    media_url: null,
  };
}

export interface Open311Created {
  service_request_id: string;
  service_notice: string;
  account_id: null;
}

export interface Open311Error {
  code: number;
  description: string;
}

// ---------------------------------------------------------------------------------------------------------
// XML
// ---------------------------------------------------------------------------------------------------------

/** Characters XML 1.0 cannot carry at all (a control character in a citizen's text must not break the document). */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(s: string): string {
  return s.replace(XML_INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

type XmlValue = string | number | boolean | null | undefined;

function element(name: string, fields: Record<string, XmlValue>, indent: string): string {
  const inner = Object.entries(fields).map(([k, v]) =>
    v === null || v === undefined || v === '' ? `${indent}  <${k}/>` : `${indent}  <${k}>${xmlEscape(String(v))}</${k}>`);
  return `${indent}<${name}>\n${inner.join('\n')}\n${indent}</${name}>`;
}

/** <root><item>fields</item>...</root> with the declaration the spec asks for. */
export function toXml(root: string, item: string, rows: readonly object[]): string {
  const body = rows.map((r) => element(item, r as Record<string, XmlValue>, '  ')).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${body ? `\n${body}\n` : ''}</${root}>\n`;
}

export const xml = {
  services: (s: readonly Open311Service[]) => toXml('services', 'service', s),
  requests: (r: readonly (Open311Request | Open311Created)[]) => toXml('service_requests', 'request', r),
  errors: (e: readonly Open311Error[]) => toXml('errors', 'error', e),
};
