// Shapes of the feedback configuration APIs (src/http/routes/feedback/{config,partners,import,data-requests}.ts)
// as this console reads them, and the few helpers the configuration screens share.
import { useEffect, useState } from 'react';
import { request } from '../api.ts';
import type { Me, Role } from '../types.ts';
import type { HeldData } from '../../../src/core/feedback/shapes.ts';

export type { HeldData };

/** The kinds in the register's order (src/core/feedback/kinds.ts KINDS). */
export const KINDS = ['suggestion', 'report', 'request', 'praise', 'complaint', 'denunciation', 'crime_report'] as const;
export type Kind = (typeof KINDS)[number];
/** Khiếu nại, tố cáo, tố giác leave the feedback workflow: their figures only inform the hand-over. */
export const FLAGGED_KINDS: readonly Kind[] = ['complaint', 'denunciation', 'crime_report'];

export interface Placeholder {
  name: string;
  token: string;
  label: string;
}

export interface Template {
  id: number;
  unitId: number;
  unitName: string;
  topicCode: string | null;
  title: string;
  body: string;
  placeholders: string[];
  unknownPlaceholders: string[];
  createdAt: string;
  updatedAt: string;
  canEdit: boolean;
}

export interface TemplateList {
  unitId: number;
  canEdit: boolean;
  templates: Template[];
  placeholders: Placeholder[];
}

export interface DeadlineRule {
  ack: number;
  forward: number;
  resolve: number | null;
}

export interface Settings {
  deadlines: Record<Kind, DeadlineRule>;
  retentionDays: number;
  defaults: { deadlines: Record<Kind, DeadlineRule>; retentionDays: number };
  canEdit: boolean;
  /** Deadline reminders to officers and leaders (src/commands/feedback/reminders.ts): when, and the last run. */
  reminders: {
    fromHour: number; withinDays: number; last: { day: string; items: number; messages: number; unreachable: number } | null;
    /** Of the last run's unreachable, those the reader may see in the users screen. */
    unreachablePeople: { id: number; fullName: string; username: string; unitName: string }[];
  };
}

export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';

export interface CalendarYear {
  year: number;
  today: string;
  holidays: {
    date: string;
    weekday: Weekday;
    name: string;
    nameKey: string;
    inLieu: boolean;
    override: { kind: 'off' | 'work'; name: string | null } | null;
    working: boolean;
  }[];
  overrides: { day: string; weekday: Weekday; kind: 'off' | 'work'; name: string | null; createdAt: string }[];
  months: { month: number; days: number; workingDays: number }[];
  workingDays: number;
  canEdit: boolean;
}

export interface Partner {
  id: number;
  name: string;
  unitId: number;
  unitCode: string | null;
  unitName: string | null;
  active: boolean;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface ImportPreview {
  dryRun: true;
  total: number;
  /** Column name in the file -> field it was read as. */
  columns: Record<string, string>;
  ignoredColumns: string[];
  alreadyImported: boolean;
  preview: {
    line: number;
    receivedOn: string;
    channel: string;
    kind: string;
    topicCode: string | null;
    summary: string | null;
    content: string;
    hasSubmitter: boolean;
  }[];
}

export interface ImportDone {
  dryRun: false;
  imported: number;
  columns: Record<string, string>;
  ignoredColumns: string[];
  items: { line: number; id: number; registerYear: number; registerNo: number; trackingCode: string }[];
}

export type DataRequestKind = 'see' | 'correct' | 'delete' | 'restrict' | 'object';
export type DataRequestState = 'unverified' | 'open' | 'done' | 'refused';

export interface DataRequestRow {
  id: number;
  itemId: number;
  trackingCode: string;
  register: { year: number; no: number };
  unitId: number;
  unitName: string;
  kind: DataRequestKind;
  withdraw: string | null;
  details: string | null;
  state: DataRequestState;
  receivedAt: string;
  dueOn: string | null;
  answeredAt: string | null;
  overdue: boolean;
  workingDaysLeft: number | null;
}

export interface DataRequestDetail {
  id: number;
  itemId: number;
  trackingCode: string;
  unitId: number;
  kind: DataRequestKind;
  withdraw: string | null;
  details: string | null;
  state: DataRequestState;
  receivedAt: string;
  dueOn: string | null;
  answeredAt: string | null;
  answer: string | null;
  data: HeldData | null;
}

export interface Topic {
  code: string;
  parent: string | null;
  vi: string;
  en: string;
}

/** Shown as two groups, as citizens see it: K7M2Q-9XTR4. */
export function formatTrackingCode(code: string): string {
  return code.length > 5 ? `${code.slice(0, 5)}-${code.slice(5)}` : code;
}

/**
 * What the signed-in user may do here, from their grants (the policy in src/core/policy/feedback.ts; /me has no
 * flags for these): configure = admin or leader somewhere; contact (data requests) = leader or officer.
 * The server decides in the end; a refusal is shown as its message.
 */
export function feedbackAccess(me: Me) {
  const has = (...roles: Role[]) => me.grants.some((g) => roles.includes(g.role));
  return {
    configure: has('admin', 'leader'),
    enter: !!me.can.enterFeedback,
    contact: has('leader', 'officer'),
  };
}

/** The unit a picker starts on: the first grant with one of the roles, else the user's own unit. */
export function defaultUnit(me: Me, roles: Role[]): number {
  return me.grants.find((g) => roles.includes(g.role))?.unitId ?? me.grants[0]?.unitId ?? me.user.unitId;
}

let topicsCache: Promise<Topic[]> | null = null;

/** The active topics (parents before children), fetched once per page load; [] while loading or on failure. */
export function useTopics(): Topic[] {
  const [topics, setTopics] = useState<Topic[]>([]);
  useEffect(() => {
    let live = true;
    topicsCache ??= request<{ topics: Topic[] }>('GET', '/api/feedback-topics').then((r) => r.topics, (e: unknown) => {
      topicsCache = null;
      throw e;
    });
    topicsCache.then((x) => live && setTopics(x), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return topics;
}

/** {name} as the server reads placeholders (src/core/feedback/templates.ts PATTERN): every one written, once. */
export function placeholdersIn(body: string): string[] {
  const seen = new Set<string>();
  for (const m of body.normalize('NFC').matchAll(/\{([\p{L}\p{N}_]{1,60})\}/gu)) seen.add(m[1]!);
  return [...seen];
}
