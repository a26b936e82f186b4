// Request shapes for the work-results API (docs/CONFERENCES.md, "Work results").
import { z } from 'zod';
import { INDICATOR_CODE, INDICATOR_GROUPS, MEASURE_MAX, NAME_MAX, VALUE_MAX } from '../../../core/work-results/indicators.ts';
import { isPeriod } from '../../../core/work-results/period.ts';
import { Id } from '../units/schema.ts';

/** Figures a unit enters at once: the default list has 20; the cap leaves room for a long configured list. */
export const VALUES_MAX = 300;

export const Period = z.string().trim().max(10).refine(isPeriod, { message: 'key:work_results.period_format' });
const Value = z.number().refine((v) => v >= 0, { message: 'key:work_results.negative' })
  .refine((v) => v <= VALUE_MAX, { message: 'key:work_results.too_big' });
const Name = z.string().trim().min(1).max(NAME_MAX);
const Measure = z.string().trim().min(1).max(MEASURE_MAX);
const Group = z.enum(INDICATOR_GROUPS);
const Sort = z.number().int().min(0).max(100_000);

export const IndicatorListQuery = z.object({ all: z.enum(['1', '0']).optional(), lang: z.string().optional() }).strict();

export const IndicatorBody = z.object({
  code: z.string().trim().regex(INDICATOR_CODE, { message: 'key:work_results.indicator_code_format' }),
  nameVi: Name,
  nameEn: Name,
  measure: Measure,
  group: Group,
  sort: Sort.optional(),
}).strict();

export const IndicatorPatch = z.object({
  nameVi: Name.optional(),
  nameEn: Name.optional(),
  measure: Measure.optional(),
  group: Group.optional(),
  sort: Sort.optional(),
  active: z.boolean().optional(),
}).strict();

export const ReadQuery = z.object({
  unitId: z.coerce.number().pipe(Id),
  period: Period,
  lang: z.string().optional(),
}).strict();

export const SaveBody = z.object({
  unitId: Id,
  period: Period,
  values: z.array(z.object({ indicatorId: Id, value: Value.nullable() }).strict()).max(VALUES_MAX),
}).strict();

export const ImportQuery = z.object({
  dryRun: z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true').optional(),
  filename: z.string().max(200).optional(),
  lang: z.string().optional(),
}).strict();
