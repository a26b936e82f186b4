// Messages: errors from the API (already translated by the server) and success notices.
import { ApiError } from '../api.ts';
import { useT } from '../i18n.ts';

/** The error's message, or a generic one when the server could not be reached. */
export function ErrorBanner({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const message = error instanceof ApiError ? error.message || t('ui.error.network') : t('ui.error.unexpected');
  return <div role="alert" className="alert error">{message}</div>;
}

export function Notice({ children }: { children: string | null }) {
  if (!children) return null;
  return <div role="status" className="alert ok">{children}</div>;
}

/** Per-field messages of an ApiError, or none. */
export function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fields : {};
}
