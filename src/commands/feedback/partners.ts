// Partner API keys (Open311 intake): an admin or leader of a unit creates a key for a city platform, sees the list
// (never a key: only its SHA-256 is stored, and the key is shown once, at creation) and deactivates it.
import { nowIso, todayVN } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import { hashApiKey, newApiKey } from '../../core/feedback/open311.ts';
import { feedbackPolicy } from '../../core/policy/feedback.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { inTx } from '../../db/tx.ts';
import type { ActorContext } from '../context.ts';

export interface PartnerView {
  id: number;
  name: string;
  unitId: number;
  unitCode: string | null;
  unitName: string | null;
  active: boolean;
  createdAt: string;
  lastUsedAt: string | null;
}

interface PartnerRow {
  id: number;
  name: string;
  unit_id: number;
  active: number;
  created_at: string;
  last_used_at: string | null;
}

async function present(ctx: ActorContext, rows: PartnerRow[]): Promise<PartnerView[]> {
  const graph = await ctx.access.unitGraph();
  const today = todayVN();
  return rows.map((r) => ({
    id: r.id, name: r.name, unitId: r.unit_id, unitCode: graph.units.get(r.unit_id)?.code ?? null,
    unitName: graph.nameOn(r.unit_id, today) ?? null,
    active: r.active === 1, createdAt: r.created_at, lastUsedAt: r.last_used_at,
  }));
}

/** Creates a partner for a unit in the actor's configure scope; the key is in the answer and nowhere else. */
export async function createPartner(ctx: ActorContext, input: { name: string; unitId: number }): Promise<PartnerView & { key: string }> {
  if (!feedbackPolicy.can(ctx.actor, 'read', input.unitId)) throw errors.field('unitId', 'unit.not_found');
  if (!feedbackPolicy.can(ctx.actor, 'configure', input.unitId)) throw errors.forbidden();
  const graph = await ctx.access.unitGraph();
  if (!graph.versionAt(input.unitId, todayVN())) throw errors.field('unitId', 'unit.not_found');
  const name = input.name.normalize('NFC').trim();
  if (!name) throw errors.field('name', 'validation.required');
  const key = newApiKey();
  const now = nowIso();
  const row = await inTx(ctx.database, async (trx, engine) => {
    const r = await trx.insertInto('api_partners').values({
      name, unit_id: input.unitId, key_hash: hashApiKey(key), active: 1, created_at: now, last_used_at: null,
    }).returning(['id', 'name', 'unit_id', 'active', 'created_at', 'last_used_at']).executeTakeFirstOrThrow();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'feedback.partner_create', entityType: 'api_partner', entityId: r.id, unitId: input.unitId,
      after: { name, unitId: input.unitId },
    });
    return r;
  });
  const [view] = await present(ctx, [row]);
  return { ...view!, key };
}

/** Partners of the units the actor may configure (optionally one unit's subtree). */
export async function listPartners(ctx: ActorContext, unitId?: number): Promise<{ partners: PartnerView[] }> {
  let ids = feedbackPolicy.unitIds(ctx.actor, 'configure');
  if (unitId !== undefined) {
    const sub = (await ctx.access.unitGraph()).scopeOf(unitId, todayVN());
    ids = ids.filter((id) => sub.has(id));
  }
  if (!ids.length) return { partners: [] };
  const rows = await ctx.database.db.selectFrom('api_partners')
    .select(['id', 'name', 'unit_id', 'active', 'created_at', 'last_used_at'])
    .where('unit_id', 'in', ids).orderBy('active', 'desc').orderBy('id').execute();
  return { partners: await present(ctx, rows) };
}

/** Deactivates a key at once (the next request with it is refused); deactivating twice changes nothing. */
export async function deactivatePartner(ctx: ActorContext, id: number): Promise<PartnerView> {
  const p = await ctx.database.db.selectFrom('api_partners').select(['id', 'name', 'unit_id', 'active', 'created_at', 'last_used_at'])
    .where('id', '=', id).executeTakeFirst();
  if (!p || !feedbackPolicy.can(ctx.actor, 'read', p.unit_id)) throw errors.notFound();
  if (!feedbackPolicy.can(ctx.actor, 'configure', p.unit_id)) throw errors.forbidden();
  if (p.active === 1) {
    await inTx(ctx.database, async (trx, engine) => {
      await trx.updateTable('api_partners').set({ active: 0 }).where('id', '=', id).execute();
      await appendAudit(trx, engine, ctx.audit, {
        action: 'feedback.partner_deactivate', entityType: 'api_partner', entityId: id, unitId: p.unit_id,
        before: { active: true }, after: { active: false },
      });
    });
  }
  const [view] = await present(ctx, [{ ...p, active: 0 }]);
  return view!;
}
