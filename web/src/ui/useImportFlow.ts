// The two-step import every console import shares: choose a file, check it (a dry run answering a preview, or
// errors by line and column), then import it — all or nothing — and show what was done. `send(dryRun, file)`
// makes the request; it may throw an ApiError of its own (a missing or too large file) to show on the field.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { fieldErrors } from './Alert.tsx';
import { useSubmit } from './useAsync.ts';

export function useImportFlow<P, D>(send: (dryRun: boolean, file: File | null) => Promise<unknown>) {
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [preview, setPreview] = useState<P | null>(null);
  const [done, setDone] = useState<D | null>(null);
  const check = useSubmit();
  const go = useSubmit();
  const active = go.error ? go : check;

  /** Forgets the preview and errors (the file or another input changed). */
  const reset = () => {
    setPreview(null);
    check.setError(null);
    go.setError(null);
  };
  const choose = (f: File | null) => {
    setFile(f);
    setDone(null);
    reset();
  };
  const submitCheck = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    reset();
    void check.run(async () => {
      setPreview(await send(true, file) as P);
    });
  };
  const runImport = () => {
    if (!preview) return;
    void go.run(async () => {
      setDone(await send(false, file) as D);
      setPreview(null);
      setFile(null);
      // A new key empties the file input.
      setFileKey((k) => k + 1);
    });
  };
  return {
    file, fileKey, preview, done, check, go, active, reset, choose, submitCheck, runImport,
    errs: fieldErrors(active.error), rows: active.error instanceof ApiError ? active.error.rows : [],
  };
}
