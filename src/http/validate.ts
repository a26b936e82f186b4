// Turns zod failures into per-field validation errors with translatable keys.
import type { z } from 'zod';
import { errors, type FieldIssue } from '../core/errors.ts';

type Issue = z.core.$ZodIssue;

function toFieldIssue(issue: Issue): FieldIssue {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? { key: 'validation.required' } : { key: 'validation.too_short', params: { min: Number(issue.minimum) } };
      if (issue.origin === 'array') return { key: 'validation.required' };
      return { key: 'validation.too_small', params: { min: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'validation.too_long', params: { max: Number(issue.maximum) } };
      return { key: 'validation.too_big', params: { max: Number(issue.maximum) } };
    case 'invalid_type':
      return issue.input === undefined ? { key: 'validation.required' } : { key: 'validation.type' };
    case 'invalid_value':
      return { key: 'validation.choice', params: { choices: issue.values.map(String).join(', ') } };
    case 'invalid_format':
      if (issue.format === 'email') return { key: 'validation.email' };
      if (issue.format === 'regex' && issue.message?.startsWith('key:')) return { key: issue.message.slice(4) };
      return { key: 'validation.format' };
    case 'unrecognized_keys':
      return { key: 'validation.unknown_field' };
    case 'custom':
      return issue.message?.startsWith('key:') ? { key: issue.message.slice(4) } : { key: 'validation.format' };
    default:
      return { key: 'validation.format' };
  }
}

/** Parses input with schema or throws a validation error naming each bad field. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fields: Record<string, FieldIssue> = {};
  for (const issue of result.error.issues) {
    const name = issue.code === 'unrecognized_keys' ? issue.keys.join(',') : issue.path.map(String).join('.') || '_';
    fields[name] ??= toFieldIssue(issue);
  }
  throw errors.validation(fields);
}
