// Request shapes for the units API.
import { z } from 'zod';
import { errors } from '../../../core/errors.ts';
import { isIsoDate } from '../../../core/dates.ts';
import { UNIT_LEVELS } from '../../../core/units/spec.ts';

export const IsoDate = z.string().refine(isIsoDate, { message: 'key:validation.date' });
/** Ids are int4 on PostgreSQL: a larger number is simply not found, never a database error. */
export const Id = z.number().int().positive().max(2 ** 31 - 1);
export const IdParam = z.object({ id: z.coerce.number().pipe(Id) });

/** The :id of a route, or 404: a malformed id names no record, so it is answered like a missing one. */
export function idOr404(params: unknown): number {
  const r = IdParam.safeParse(params);
  if (!r.success) throw errors.notFound();
  return r.data.id;
}
export const AsOfQuery = z.object({ asOf: IsoDate.optional(), lang: z.string().optional() });

export const UnitBody = z.object({
  code: z.string().max(40),
  name: z.string().max(200),
  shortName: z.string().max(100).nullish(),
  level: z.enum(UNIT_LEVELS as [string, ...string[]]),
  parentCode: z.string().max(40).nullish(),
  validFrom: z.string().max(10),
  validTo: z.string().max(10).nullish(),
  place: z.string().max(100).nullish(),
}).strict();

const note = z.string().max(1000).nullish();
export const LineageBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('merge'), date: IsoDate, from: z.array(z.string().max(40)).min(1).max(200), to: z.string().max(40), note }),
  z.object({ kind: z.literal('split'), date: IsoDate, from: z.string().max(40), to: z.array(z.string().max(40)).min(1).max(200), note }),
  z.object({ kind: z.literal('rename'), date: IsoDate, unit: z.string().max(40), name: z.string().trim().min(1).max(200), shortName: z.string().max(100).nullish(), place: z.string().max(100).nullish(), note }),
  z.object({ kind: z.literal('reparent'), date: IsoDate, unit: z.string().max(40), parent: z.string().max(40), note }),
  z.object({ kind: z.literal('dissolve'), date: IsoDate, unit: z.string().max(40), note }),
]);
