// Request shapes for questionnaires and campaigns. The questionnaire schema mirrors
// core/surveys/questionnaire.ts with size limits; its meaning is checked by checkQuestionnaire().
import { z } from 'zod';
import { QUESTION_TYPES } from '../../../core/surveys/questionnaire.ts';
import { CAMPAIGN_ACTIONS } from '../../../core/surveys/campaign.ts';
import { Id, IsoDate } from '../units/schema.ts';

const text = (max: number) => z.string().max(max).transform((s) => s.normalize('NFC'));
const LocalText = z.object({ vi: text(500), en: text(500).optional() }).strict();
const Choice = z.object({ code: z.string().max(20), label: LocalText }).strict();
const Scale = z.object({
  id: z.string().max(40), levels: z.array(Choice).max(5), satisfied: z.array(z.string().max(20)).max(5), noOpinion: Choice.nullable(),
}).strict();
const Question = z.object({
  id: z.string().max(40),
  type: z.enum(QUESTION_TYPES as [string, ...string[]]),
  label: LocalText,
  hint: LocalText.optional(),
  required: z.boolean(),
  choices: z.array(Choice).max(50).optional(),
  scale: z.string().max(40).optional(),
  criterion: z.boolean().optional(),
  headline: z.boolean().optional(),
  demographic: z.boolean().optional(),
  relevant: z.string().max(500).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  maxLength: z.number().int().min(1).max(5000).optional(),
}).strict();
export const QuestionnaireSchema = z.object({
  title: LocalText,
  intro: LocalText.optional(),
  scales: z.array(Scale).max(10),
  sections: z.array(z.object({ id: z.string().max(40), title: LocalText, questions: z.array(Question).max(100) }).strict()).max(30),
}).strict();

export const CreateQuestionnaireBody = z.object({
  unitId: Id,
  code: z.string().trim().regex(/^[A-Za-z0-9._-]{2,40}$/, { message: 'key:survey.code_format' }),
  definition: QuestionnaireSchema.optional(),
}).strict();
export const DraftBody = z.object({ definition: QuestionnaireSchema }).strict();

const CHANNELS = ['web', 'paper', 'import'] as const;
const Participant = z.object({
  unitId: Id,
  population: z.number().int().min(0).max(100_000_000).nullish(),
  target: z.number().int().min(0).max(10_000_000).nullish(),
}).strict();
export const CreateCampaignBody = z.object({
  unitId: Id,
  name: z.string().trim().min(1).max(200),
  period: z.string().trim().regex(/^\d{4}(-(Q[1-4]|\d{2}))?$/, { message: 'key:survey.period_format' }),
  questionnaireVersionId: Id,
  opensOn: IsoDate,
  closesOn: IsoDate,
  mode: z.enum(['open', 'token']).default('open'),
  channels: z.array(z.enum(CHANNELS)).min(1).max(3).default(['web', 'paper']),
  marginPermille: z.number().int().min(1).max(500).default(50),
  minCell: z.number().int().min(1).max(1000).default(10),
  previousCampaignId: Id.nullish().transform((v) => v ?? null),
  participants: z.array(Participant).min(1).max(10000).optional(),
}).strict();
export const TransitionBody = z.object({ action: z.enum(CAMPAIGN_ACTIONS as [string, ...string[]]), reason: z.string().max(1000).nullish() }).strict();
export const TargetsBody = z.object({
  units: z.array(z.object({ unitId: Id, population: z.number().int().min(0).max(100_000_000).nullable(), target: z.number().int().min(0).max(10_000_000).nullable() }).strict()).min(1).max(10000),
}).strict();
export const ResultsQuery = z.object({ unit: z.coerce.number().pipe(Id).optional(), lang: z.string().optional() });
export const SampleSizeQuery = z.object({ population: z.coerce.number().int().min(0).max(100_000_000), margin: z.coerce.number().min(0.001).max(0.5).default(0.05), lang: z.string().optional() });
export const BreakdownQuery = z.object({ unit: z.coerce.number().pipe(Id).optional(), by: z.string().max(40), lang: z.string().optional() });
