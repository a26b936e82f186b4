// Units: the tree as of a date, one unit with its history, create/correct, lineage events, CSV in and out.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../../commands/context.ts';
import { applyUnitBatch } from '../../../commands/units/write.ts';
import { recordLineage } from '../../../commands/units/lineage.ts';
import { errors } from '../../../core/errors.ts';
import { todayVN } from '../../../core/dates.ts';
import { unitPolicy } from '../../../core/policy/units.ts';
import { parseUnitSpec } from '../../../core/units/spec.ts';
import { parseUnitsCsv, unitCsvRows, writeUnitsCsv } from '../../../core/units/csv.ts';
import type { LineageInput } from '../../../core/units/lineage.ts';
import type { UnitGraph } from '../../../core/units/graph.ts';
import type { Actor } from '../../../core/roles.ts';
import { parseWith } from '../../validate.ts';
import { requireActor } from '../../plugins/auth.ts';
import { scopedTree, unitDetail } from '../../presenters/units.ts';
import { AsOfQuery, IdParam, LineageBody, UnitBody } from './schema.ts';

export const CSV_BODY_LIMIT = 5 * 1024 * 1024;

function toRaw(b: ReturnType<typeof UnitBody.parse>) {
  return {
    code: b.code, name: b.name, short_name: b.shortName ?? '', level: b.level, parent_code: b.parentCode ?? '',
    valid_from: b.validFrom, valid_to: b.validTo ?? '', place: b.place ?? '',
  };
}

/** Field names in API bodies are camelCase; the spec parser speaks the CSV's snake_case. */
const FIELD_NAMES: Record<string, string> = { short_name: 'shortName', parent_code: 'parentCode', valid_from: 'validFrom', valid_to: 'validTo' };
const camelFields = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [FIELD_NAMES[k] ?? k, v]));

export function unitRoutes(app: FastifyInstance, services: AppServices) {
  app.get('/api/units/tree', async (req) => {
    const ctx = requireActor(req, services);
    const { asOf } = parseWith(AsOfQuery, req.query);
    const date = asOf ?? todayVN();
    const graph = await services.access.unitGraph(ctx.revision);
    return { asOf: date, roots: scopedTree(ctx.actor, graph.treeAsOf(date)) };
  });

  app.get('/api/units/:id', async (req, reply) => {
    const ctx = requireActor(req, services);
    const id = IdParam.safeParse(req.params);
    if (!id.success) throw errors.notFound();
    const { asOf } = parseWith(AsOfQuery, req.query);
    const graph = await services.access.unitGraph(ctx.revision);
    if (!graph.units.has(id.data.id) || !unitPolicy.can(ctx.actor, 'read', id.data.id)) throw errors.notFound();
    const today = todayVN();
    // Presented and serialised once per user, unit and date until units or grants change.
    const json = services.access.memo(ctx.revision, `unit:${ctx.actor.userId}:${id.data.id}:${asOf ?? today}:${today}`,
      () => JSON.stringify(unitDetail(ctx.actor, graph, id.data.id, asOf ?? today, today)));
    return reply.type('application/json; charset=utf-8').send(json);
  });

  app.post('/api/units', async (req, reply) => {
    const ctx = requireActor(req, services);
    mayShapeUnits(ctx.actor);
    const body = parseWith(UnitBody, req.body);
    const { spec, issues } = parseUnitSpec(toRaw(body));
    if (!spec) throw errors.validation(camelFields(issues));
    if ((await services.access.unitGraph()).idOf(spec.code) !== undefined) {
      throw errors.conflict('duplicate_code', { code: { key: 'unit.code_taken' } });
    }
    await applyUnitBatch(ctx, [{ line: 1, spec }], 'form').catch(renameFields);
    const graph = await services.access.unitGraph();
    void reply.status(201);
    return unitDetail(ctx.actor, graph, graph.idOf(spec.code)!, todayVN(), todayVN());
  });

  app.patch('/api/units/:id', async (req) => {
    const ctx = requireActor(req, services);
    const id = IdParam.safeParse(req.params);
    if (!id.success) throw errors.notFound();
    let graph = await services.access.unitGraph();
    const unit = graph.units.get(id.data.id);
    if (!unit || !unitPolicy.can(ctx.actor, 'read', unit.id)) throw errors.notFound();
    if (!unitPolicy.can(ctx.actor, 'update', unit.id)) throw errors.forbidden();
    const body = parseWith(UnitBody.omit({ code: true }), req.body);
    // An omitted parent keeps the current one (which may lie outside the admin's own scope, e.g. the Ministry).
    const currentParent = graph.structuralVersion(unit.id, todayVN())?.parentId;
    const parentCode = body.parentCode === undefined && currentParent != null ? graph.units.get(currentParent)!.code : body.parentCode;
    const { spec, issues } = parseUnitSpec(toRaw({ ...body, parentCode, code: unit.code }));
    if (!spec) throw errors.validation(camelFields(issues));
    await applyUnitBatch(ctx, [{ line: 1, spec }], 'form').catch(renameFields);
    graph = await services.access.unitGraph();
    return unitDetail(ctx.actor, graph, unit.id, todayVN(), todayVN());
  });

  app.post('/api/units/events', async (req, reply) => {
    const ctx = requireActor(req, services);
    mayShapeUnits(ctx.actor);
    const body = parseWith(LineageBody, req.body);
    const graph = await services.access.unitGraph();
    const input = resolveCodes(graph, body);
    const result = await recordLineage(ctx, input);
    void reply.status(201);
    return { eventId: result.eventId, kind: result.kind, date: result.date, endedUnits: result.endUnits.length };
  });

  app.post('/api/units/import', { bodyLimit: CSV_BODY_LIMIT }, async (req) => {
    const ctx = requireActor(req, services);
    mayShapeUnits(ctx.actor);
    if (typeof req.body !== 'string') throw errors.field('file', 'csv.expected_text');
    const { lines, issues } = parseUnitsCsv(req.body);
    if (issues.length) throw errors.csv(issues);
    return applyUnitBatch(ctx, lines, 'csv');
  });

  app.get('/api/units/export.csv', async (req, reply) => {
    const ctx = requireActor(req, services);
    const exportable = new Set(unitPolicy.unitIds(ctx.actor, 'export'));
    if (!exportable.size) throw errors.forbidden();
    const graph = await services.access.unitGraph(ctx.revision);
    const today = todayVN();
    const rows = unitCsvRows(graph, exportable, today);
    void reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="don-vi-${today}.csv"`);
    return writeUnitsCsv(rows);
  });
}

/** Roles that may never shape the tree get 403 before their input is even read. */
function mayShapeUnits(actor: Actor) {
  if (!unitPolicy.unitIds(actor, 'create').length) throw errors.forbidden();
}

function renameFields(err: unknown): never {
  const e = err as { fields?: Record<string, unknown> };
  if (e && typeof e === 'object' && e.fields) (e as { fields: Record<string, unknown> }).fields = camelFields(e.fields);
  throw err;
}

/** Codes in the request become ids; an unknown code is a field error on the field that named it. */
function resolveCodes(graph: UnitGraph, b: ReturnType<typeof LineageBody.parse>): LineageInput {
  const id = (code: string, field: string) => {
    const found = graph.idOf(code.trim().toUpperCase());
    if (found === undefined) throw errors.field(field, 'unit.parent_unknown', { code });
    return found;
  };
  const note = b.note ?? null;
  switch (b.kind) {
    case 'merge': return { kind: 'merge', date: b.date, from: b.from.map((c) => id(c, 'from')), to: id(b.to, 'to'), note };
    case 'split': return { kind: 'split', date: b.date, from: id(b.from, 'from'), to: b.to.map((c) => id(c, 'to')), note };
    case 'rename': return { kind: 'rename', date: b.date, unit: id(b.unit, 'unit'), name: b.name.normalize('NFC'), shortName: b.shortName, place: b.place, note };
    case 'reparent': return { kind: 'reparent', date: b.date, unit: id(b.unit, 'unit'), parent: id(b.parent, 'parent'), note };
    case 'dissolve': return { kind: 'dissolve', date: b.date, unit: id(b.unit, 'unit'), note };
  }
}
