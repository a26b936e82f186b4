// Password policy: long enough, not trivially guessable, not the username.
import type { FieldIssue } from './errors.ts';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
const COMMON = new Set(['password123', '1234567890', '12345678910', 'qwertyuiop', 'matkhau123', 'congan12345', 'abc1234567']);

/** Returns the reason a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): FieldIssue | null {
  if (password.length < PASSWORD_MIN) return { key: 'password.too_short', params: { min: PASSWORD_MIN } };
  if (password.length > PASSWORD_MAX) return { key: 'validation.too_long', params: { max: PASSWORD_MAX } };
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) return { key: 'password.too_simple' };
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || (username.length >= 3 && lower.includes(username.toLowerCase()))) {
    return { key: 'password.guessable' };
  }
  return null;
}
