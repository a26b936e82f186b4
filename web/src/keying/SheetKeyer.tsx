// One paper sheet, keyed without a mouse: a compact grid of the sheet's questions in printed order with a
// cursor. Number keys answer (see model.ts for the mapping) and a single-choice answer moves on by itself;
// Enter/Tab move on (skipping an optional question), Backspace/Shift+Tab go back, hidden questions are
// passed over; B and H mark the whole sheet blank or spoiled (each confirmed); after the last question a
// summary, where Enter saves. Errors from the server keep everything typed and point at the question.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ApiError, request } from '../api.ts';
import { useT } from '../i18n.ts';
import type { KeyingResult, KeyingStatus, PaperSheet } from '../types.ts';
import { useFormat } from '../surveys/format.ts';
import { answerText, isChoice, isEmpty, keyedQuestions, missingRequired, optionForKey, payload, visibleIds, type Answers, type KeyedQuestion } from './model.ts';

/** What the handlers read of a key press: a real one, or one typed ahead while the sheet was loading. */
type KeyLike = { key: string; shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean; preventDefault: () => void };

type Cursor = { kind: 'q'; id: string } | { kind: 'confirm' } | { kind: 'whole'; status: 'blank' | 'spoiled'; back: Cursor };

interface Props {
  sheet: PaperSheet;
  onSaved: (r: KeyingResult, status: KeyingStatus) => void;
  /** Esc: back to the sheet-ID field (what was typed stays until another sheet is opened). */
  onEscape: () => void;
  /** Keys typed after Enter on the sheet ID, before the sheet had the focus: applied in order (shared with the screen, which may still add to it). */
  typeAhead: { current: string[] };
  /** Changes when the screen has added a typed-ahead key, so the sheet applies it. */
  kick: number;
}

export function SheetKeyer({ sheet, onSaved, onEscape, typeAhead, kick }: Props) {
  const t = useT();
  const fmt = useFormat();
  const all = useMemo(() => keyedQuestions(sheet.definition), [sheet.definition]);
  const [answers, setAnswers] = useState<Answers>({});
  const shownList = useMemo(() => visibleIds(all, answers), [all, answers]);
  const shown = useMemo(() => new Set(shownList), [shownList]);
  const [cursor, setCursor] = useState<Cursor>(() => (shownList[0] ? { kind: 'q', id: shownList[0] } : { kind: 'confirm' }));
  const [fieldErrs, setFieldErrs] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [hint, setHint] = useState('');
  const [pending, setPending] = useState('');
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const refs = useRef(new Map<string, HTMLElement>());
  const confirmRef = useRef<HTMLDivElement>(null);
  const wholeRef = useRef<HTMLDivElement>(null);

  // Keys typed ahead (while the sheet loaded) are applied one per render, in order. Real key presses that
  // arrive while some are still waiting join the end of the line, so nothing is applied out of order.
  const queueRef = typeAhead;
  const [tick, setTick] = useState(0);
  // A key handled changes state; until React has committed it (and moved the focus), a new key press would
  // reach the old question with the old state. So between a handled key and the next commit, keys wait too.
  const settled = useRef(true);
  // The tick a commit must reach before the next waiting key may be applied. A key press elsewhere (the screen's
  // kick, a discrete event) can make React commit before the changes of the last applied key, which were made
  // in an effect at a lower priority; the tick travels with those changes, so it tells when they are on screen.
  const expectTick = useRef(0);
  useLayoutEffect(() => {
    settled.current = tick >= expectTick.current;
  });
  const queued = <E extends KeyLike>(handler: (e: E) => void) => (e: E) => {
    if (!queueRef.current.length && settled.current) {
      settled.current = false;
      return handler(e);
    }
    if (e.ctrlKey || e.altKey || e.metaKey || e.key === 'Shift') return;
    e.preventDefault();
    queueRef.current.push(e.key === 'Tab' && e.shiftKey ? 'Backspace' : e.key);
    setTick((n) => n + 1);
  };

  // The cursor owns the focus: whichever step it is on gets it (in the same commit, so the next key press
  // already goes there), and scrolls into view.
  useLayoutEffect(() => {
    const el = cursor.kind === 'q' ? refs.current.get(cursor.id) : cursor.kind === 'confirm' ? confirmRef.current : wholeRef.current;
    if (el && document.activeElement !== el) el.focus({ preventScroll: true });
    (cursor.kind === 'q' ? el?.closest('li') : el)?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  const after = (id: string, list: string[]): Cursor => {
    const i = list.indexOf(id);
    const next = i < 0 ? list.find((x) => all.findIndex((k) => k.q.id === x) > all.findIndex((k) => k.q.id === id)) : list[i + 1];
    return next ? { kind: 'q', id: next } : { kind: 'confirm' };
  };
  const forward = (id: string, list = shownList) => {
    setPending('');
    setCursor(after(id, list));
  };
  const backFrom = (c: Cursor) => {
    setPending('');
    if (c.kind === 'confirm') {
      const last = shownList[shownList.length - 1];
      if (last) setCursor({ kind: 'q', id: last });
    } else if (c.kind === 'q') {
      const i = shownList.indexOf(c.id);
      if (i > 0) setCursor({ kind: 'q', id: shownList[i - 1]! });
    }
  };

  const setAnswer = (kq: KeyedQuestion, value: Answers[string], advance: boolean) => {
    const next = { ...answers, [kq.q.id]: value };
    setAnswers(next);
    setFieldErrs((f) => {
      const { [kq.q.id]: _gone, ...rest } = f;
      return rest;
    });
    if (advance) forward(kq.q.id, visibleIds(all, next));
  };

  const pick = (kq: KeyedQuestion, typed: string): boolean => {
    const o = optionForKey(kq, typed);
    if (!o) return false;
    setHint('');
    if (kq.q.type === 'multiple') {
      const cur = Array.isArray(answers[kq.q.id]) ? (answers[kq.q.id] as string[]) : [];
      setAnswer(kq, cur.includes(o.code) ? cur.filter((c) => c !== o.code) : [...cur, o.code], false);
    } else {
      setAnswer(kq, o.code, true);
    }
    return true;
  };

  const wholeSheet = (status: 'blank' | 'spoiled') => setCursor({ kind: 'whole', status, back: cursor });

  /** Keys shared by every step; true when handled. */
  const common = (e: KeyLike, c: Cursor): boolean => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onEscape();
      return true;
    }
    if (e.key === 'Tab' && e.shiftKey) {
      e.preventDefault();
      backFrom(c);
      return true;
    }
    return false;
  };

  const onQuestionKey = (e: KeyLike, kq: KeyedQuestion) => {
    const c: Cursor = { kind: 'q', id: kq.q.id };
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    if (common(e, c)) return;
    const text = !isChoice(kq.q);
    const value = answers[kq.q.id];
    if ((e.key === 'Enter' && !(kq.q.type === 'long_text' && e.shiftKey)) || e.key === 'Tab') {
      e.preventDefault();
      if (pending) {
        if (!pick(kq, pending)) setHint(t('ui.keying.no_such_key', { key: pending }));
        setPending('');
        return;
      }
      forward(kq.q.id);
      return;
    }
    if (e.key === 'Backspace') {
      if (text && !isEmpty(value)) return; // deletes a character
      e.preventDefault();
      if (pending) setPending(pending.slice(0, -1));
      else backFrom(c);
      return;
    }
    if (text) return;
    if (/^[0-9]$/.test(e.key)) {
      e.preventDefault();
      // Up to 9 options: one key answers. More: the digits collect until Enter.
      if (kq.options.length > 9) {
        setPending(pending + e.key);
        return;
      }
      if (!pick(kq, e.key)) setHint(t('ui.keying.no_such_key', { key: e.key }));
      return;
    }
    const k = e.key.toLowerCase();
    if (k === 'b' || k === 'h') {
      e.preventDefault();
      wholeSheet(k === 'b' ? 'blank' : 'spoiled');
    }
  };

  const save = async (status: KeyingStatus) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setError(null);
    try {
      const r = await request<KeyingResult>('POST', `/api/paper-sheets/${encodeURIComponent(sheet.sheetId)}/keying`, {
        status, answers: status === 'valid' ? payload(all, answers) : {},
      });
      onSaved(r, status);
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e.fields.sheetId ?? (e.message || t('ui.error.network')));
        const qs = all.filter((k) => e.fields[k.q.id]);
        setFieldErrs(Object.fromEntries(qs.map((k) => [k.q.id, e.fields[k.q.id]!])));
        if (qs[0]) setCursor({ kind: 'q', id: qs[0].q.id });
      } else {
        setError(t('ui.error.unexpected'));
      }
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  const onConfirmKey = (e: KeyLike) => {
    if (common(e, cursor)) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      void save('valid');
    } else if (e.key === 'Backspace') {
      e.preventDefault();
      backFrom({ kind: 'confirm' });
    } else if (e.key.toLowerCase() === 'b' || e.key.toLowerCase() === 'h') {
      e.preventDefault();
      wholeSheet(e.key.toLowerCase() === 'b' ? 'blank' : 'spoiled');
    }
  };

  const onWholeKey = (e: KeyLike) => {
    if (cursor.kind !== 'whole') return;
    if (e.key === 'Enter') {
      e.preventDefault();
      void save(cursor.status);
    } else if (e.key === 'Escape' || e.key === 'Backspace') {
      e.preventDefault();
      setCursor(cursor.back);
    }
  };

  // Typed-ahead keys, one per render so each sees the answers and cursor the previous one left.
  useEffect(() => {
    if (tick < expectTick.current) return;
    const key = queueRef.current.shift();
    if (key === undefined) return;
    const e: KeyLike = { key, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, preventDefault: () => undefined };
    if (cursor.kind === 'q') {
      const kq = all.find((k) => k.q.id === cursor.id)!;
      const v = answers[kq.q.id];
      if (!isChoice(kq.q) && key.length === 1) setAnswer(kq, `${typeof v === 'string' ? v : ''}${key}`, false);
      else onQuestionKey(e, kq);
    } else if (cursor.kind === 'confirm') onConfirmKey(e);
    else onWholeKey(e);
    settled.current = false;
    expectTick.current = tick + 1;
    setTick((n) => n + 1);
  }, [tick, kick]); // the handlers read this render's state

  const missing = missingRequired(all, answers);
  const answered = all.filter((k) => shown.has(k.q.id) && !isEmpty(answers[k.q.id])).length;
  const label = (kq: KeyedQuestion) => fmt.local(kq.q.label);
  const active = (id: string) => cursor.kind === 'q' && cursor.id === id;
  // Shown where the clerk is: at the save step (per-question messages also sit on their rows).
  const errorAlert = error && <div role="alert" className="alert error" data-testid="keying-error">{error}</div>;

  return (
    <div className="sheet-keyer" data-sheet={sheet.sheetId}>
      <ol className="kgrid" aria-label={t('ui.keying.questions')}>
        {all.map((kq) => {
          const id = kq.q.id;
          const on = shown.has(id);
          const err = fieldErrs[id];
          const value = answers[id];
          const labelId = `kl-${id}`;
          const errId = err ? `ke-${id}` : undefined;
          const setRef = (el: HTMLElement | null) => {
            if (el) refs.current.set(id, el);
            else refs.current.delete(id);
          };
          const focusHere = () => {
            if (on && !active(id)) setCursor({ kind: 'q', id });
          };
          return (
            <li key={id} data-q={id} data-shown={on ? 'yes' : 'no'}
              className={`kq${active(id) ? ' active' : ''}${on ? '' : ' off'}${err ? ' has-error' : ''}`}>
              <span className="kq-num" aria-hidden="true">{kq.number}</span>
              <span className="kq-label" id={labelId}>
                <span className="sr-only">{t('ui.keying.question_n', { n: kq.number })} </span>
                {label(kq)}
                {kq.q.required && on && <span className="req" aria-hidden="true"> *</span>}
                {!on && <span className="kq-skip"> — {t('ui.keying.skipped')}</span>}
              </span>
              <div className="kq-answer">
                {isChoice(kq.q) ? (
                  <div ref={setRef} role={kq.q.type === 'multiple' ? 'group' : 'radiogroup'} tabIndex={active(id) ? 0 : -1}
                    aria-labelledby={labelId} aria-describedby={errId} aria-disabled={on ? undefined : true}
                    aria-invalid={err ? true : undefined} className="kopts" onKeyDown={queued((e) => onQuestionKey(e, kq))} onFocus={focusHere}>
                    {kq.options.map((o) => {
                      const picked = Array.isArray(value) ? value.includes(o.code) : value === o.code;
                      return (
                        <span key={o.code} role={kq.q.type === 'multiple' ? 'checkbox' : 'radio'} aria-checked={picked}
                          className={`kopt${picked ? ' picked' : ''}${o.noOpinion ? ' no-opinion' : ''}`}
                          onClick={() => on && pick(kq, o.key)}>
                          <kbd aria-hidden="true">{o.key}</kbd> <ChipLabel text={fmt.local(o.label)} />
                        </span>
                      );
                    })}
                    {active(id) && pending && <span className="kpending">{t('ui.keying.typing', { n: pending })}</span>}
                  </div>
                ) : kq.q.type === 'long_text' ? (
                  <textarea ref={setRef} rows={1} value={typeof value === 'string' ? value : ''} tabIndex={active(id) ? 0 : -1}
                    disabled={!on} aria-labelledby={labelId} aria-describedby={errId} aria-invalid={err ? true : undefined}
                    onChange={(e) => setAnswer(kq, e.target.value, false)} onKeyDown={queued((e) => onQuestionKey(e, kq))} onFocus={focusHere} />
                ) : (
                  <input ref={setRef} type="text" inputMode={kq.q.type === 'text' ? undefined : 'decimal'} autoComplete="off"
                    value={typeof value === 'string' ? value : ''} tabIndex={active(id) ? 0 : -1} disabled={!on}
                    aria-labelledby={labelId} aria-describedby={errId} aria-invalid={err ? true : undefined}
                    onChange={(e) => setAnswer(kq, e.target.value, false)} onKeyDown={queued((e) => onQuestionKey(e, kq))} onFocus={focusHere} />
                )}
                {err && <small id={errId} className="field-error">{err}</small>}
              </div>
            </li>
          );
        })}
      </ol>
      <p className="key-hint" role="status">{hint}</p>

      {cursor.kind === 'whole' ? (
        <div ref={wholeRef} tabIndex={-1} className="kconfirm active whole" role="group" aria-labelledby="kwhole-title" onKeyDown={queued(onWholeKey)}>
          {errorAlert}
          <h3 id="kwhole-title">{t(`ui.keying.confirm_${cursor.status}`, { id: sheet.sheetId })}</h3>
          <p><kbd>Enter</kbd> {t('ui.keying.save')} · <kbd>Esc</kbd> {t('ui.keying.go_back')}</p>
          <div className="form-actions">
            <button type="button" className="primary" disabled={busy} tabIndex={-1} onClick={() => void save(cursor.status)}>{t(`ui.keying.save_${cursor.status}`)}</button>
            <button type="button" tabIndex={-1} onClick={() => setCursor(cursor.back)}>{t('ui.keying.go_back')}</button>
          </div>
        </div>
      ) : (
        <div ref={confirmRef} tabIndex={-1} className={`kconfirm${cursor.kind === 'confirm' ? ' active' : ''}`} role="group"
          aria-labelledby="kconfirm-title" aria-describedby="kconfirm-summary" onKeyDown={queued(onConfirmKey)}>
          {errorAlert}
          <h3 id="kconfirm-title">{t('ui.keying.check_title')}</h3>
          <p id="kconfirm-summary" data-testid="keying-summary">
            {t('ui.keying.summary', { answered, skipped: shownList.length - answered })}
            {missing.length > 0 && <> {' '}<strong className="warn-text">{t('ui.keying.missing', { list: missing.map((k) => k.number).join(', ') })}</strong></>}
          </p>
          {cursor.kind === 'confirm' && (
            <ul className="ksummary">
              {all.filter((k) => shown.has(k.q.id) && !isEmpty(answers[k.q.id])).map((k) => (
                <li key={k.q.id}><span className="kq-num">{k.number}</span> {answerText(k, answers[k.q.id], fmt.lang, false)}</li>
              ))}
            </ul>
          )}
          <p className="hint"><kbd>Enter</kbd> {t('ui.keying.save')} · <kbd>Backspace</kbd> {t('ui.keying.go_back')} · <kbd>B</kbd> {t('ui.keying.blank')} · <kbd>H</kbd> {t('ui.keying.spoiled')}</p>
          <button type="button" className="primary" disabled={busy} tabIndex={-1} onClick={() => void save('valid')}>{busy ? t('ui.busy') : t('ui.keying.save')}</button>
        </div>
      )}
    </div>
  );
}

/** A long option label ("Không có ý kiến / không áp dụng") shortened to its first part on the chip; read in full. */
function ChipLabel({ text }: { text: string }) {
  const cut = text.indexOf(' / ');
  if (cut < 0) return <>{text}</>;
  return <><span aria-hidden="true" title={text}>{text.slice(0, cut)}</span><span className="sr-only">{text}</span></>;
}
