// Paper-form facts the keying journey needs, read from the database (sheet IDs of a batch, what a sheet's
// response holds), and API calls made with a page's own session (writes carry its CSRF token).
import type { Page } from 'playwright-core';
import type { E2EServer } from './server.ts';

/** The batch's sheet IDs, in a stable order. */
export async function sheetIdsOf(server: E2EServer, batchId: number): Promise<string[]> {
  const rows = await server.database.db.selectFrom('paper_sheets').select(['sheet_id']).where('batch_id', '=', batchId).orderBy('sheet_id').execute();
  return rows.map((r) => r.sheet_id);
}

/** The newest batch of a campaign for a unit. */
export async function latestBatchId(server: E2EServer, campaignId: number, unitId: number): Promise<number> {
  const row = await server.database.db.selectFrom('paper_batches').select(['id']).where('campaign_id', '=', campaignId).where('unit_id', '=', unitId)
    .orderBy('id', 'desc').executeTakeFirstOrThrow();
  return row.id;
}

/** The responses stored for a sheet, each with its status and answers as stored (values as text). */
export async function sheetResponses(server: E2EServer, sheetId: string): Promise<{ id: number; channel: string; status: string; answers: Record<string, string> }[]> {
  const db = server.database.db;
  const responses = await db.selectFrom('responses').select(['id', 'channel', 'status']).where('sheet_id', '=', sheetId).orderBy('id').execute();
  const out = [];
  for (const r of responses) {
    const rows = await db.selectFrom('answers').select(['question_id', 'value']).where('response_id', '=', r.id).execute();
    out.push({ id: r.id, channel: r.channel, status: r.status, answers: Object.fromEntries(rows.map((a) => [a.question_id, a.value])) });
  }
  return out;
}

export async function sheetState(server: E2EServer, sheetId: string): Promise<string> {
  return (await server.database.db.selectFrom('paper_sheets').select(['state']).where('sheet_id', '=', sheetId).executeTakeFirstOrThrow()).state;
}

/** Calls the API with the page's session: JSON in and out, the CSRF token on writes; throws on an error status. */
export async function apiAs<T>(page: Page, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') {
    const me = await (await page.request.get('/api/auth/me')).json() as { csrfToken: string };
    headers['x-csrf-token'] = me.csrfToken;
    headers['content-type'] = 'application/json';
  }
  const res = await page.request.fetch(url, { method, headers, data: method === 'GET' ? undefined : JSON.stringify(body ?? {}) });
  if (!res.ok()) throw new Error(`${method} ${url} → ${res.status()} ${await res.text()}`);
  return await res.json() as T;
}
