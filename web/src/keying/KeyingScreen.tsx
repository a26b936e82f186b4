// Nhập phiếu giấy: the clerk's screen, built for a keyboard and a USB barcode/QR scanner (which types the
// sheet ID and Enter). The sheet-ID field has the focus; Enter opens the sheet; the sheet is keyed in the grid
// (SheetKeyer); after saving, the field has the focus again with a success line and the session's pace.
import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, request } from '../api.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.ts';
import type { KeyingResult, KeyingStatus, PaperSheet } from '../types.ts';
import { Link } from '../ui/Link.tsx';
import { useFormat } from '../surveys/format.ts';
import { SheetKeyer } from './SheetKeyer.tsx';

export function KeyingScreen() {
  const t = useT();
  const fmt = useFormat();
  const { me } = useSession();
  const [code, setCode] = useState('');
  const [sheet, setSheet] = useState<{ data: PaperSheet; opened: number } | null>(null);
  const [kick, setKick] = useState(0);
  const [idError, setIdError] = useState<string | null>(null);
  const [resolveLink, setResolveLink] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [stats, setStats] = useState({ n: 0, ms: 0 });
  const started = useRef<number | null>(null);
  // Keys typed after Enter while the sheet is on its way (a scanner's Enter, then the clerk's first answers).
  const typeAhead = useRef<string[]>([]);
  const loadingRef = useRef(false);
  const idRef = useRef<HTMLInputElement>(null);

  const focusId = () => {
    idRef.current?.focus();
    idRef.current?.select();
  };
  useEffect(focusId, []);
  // While a sheet is on its way, or typed-ahead keys still wait to be applied, every key press joins the line —
  // wherever the focus happens to be — so that keys are applied exactly in the order they were typed.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(loadingRef.current || typeAhead.current.length) || e.ctrlKey || e.altKey || e.metaKey || e.key === 'Shift') return;
      e.preventDefault();
      e.stopPropagation();
      typeAhead.current.push(e.key === 'Tab' && e.shiftKey ? 'Backspace' : e.key);
      setKick((n) => n + 1);
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, []);
  // Type-ahead ends once the sheet is on screen (and has the focus).
  useLayoutEffect(() => {
    loadingRef.current = false;
  }, [sheet]);

  const open = async (e: FormEvent) => {
    e.preventDefault();
    const typed = code.trim();
    if (!typed || loading) return;
    started.current ??= Date.now();
    setLoading(true);
    loadingRef.current = true;
    typeAhead.current = [];
    setIdError(null);
    setResolveLink(null);
    try {
      const s = await request<PaperSheet>('GET', `/api/paper-sheets/${encodeURIComponent(typed)}`);
      if (s.nextRound === null) {
        loadingRef.current = false;
        setSheet(null);
        setDone(null);
        setIdError(t(s.state === 'disagreement' ? 'paper.needs_resolution' : 'paper.already_keyed'));
        if (s.state === 'disagreement' && me.can.manageSurveys) setResolveLink(`/keying/resolve/${s.sheetId}`);
        idRef.current?.select();
      } else {
        setSheet({ data: s, opened: Date.now() });
        setDone(null);
        document.getElementById('main')?.scrollTo({ top: 0 });
      }
    } catch (err) {
      loadingRef.current = false;
      setSheet(null);
      setDone(null);
      setIdError(err instanceof ApiError ? err.fields.sheetId ?? (err.message || t('ui.error.network')) : t('ui.error.unexpected'));
      idRef.current?.select();
    } finally {
      setLoading(false);
    }
  };

  const saved = (r: KeyingResult, status: KeyingStatus) => {
    const n = stats.n + 1;
    const ms = stats.ms + (Date.now() - (started.current ?? sheet?.opened ?? Date.now()));
    started.current = null;
    setStats({ n, ms });
    const what = status === 'valid' ? '' : ` (${t(`ui.keying.status_${status}`)})`;
    setDone(t(`ui.keying.saved_${r.outcome}`, { id: r.sheetId, what, n: fmt.int(n) }));
    setSheet(null);
    setCode('');
    setIdError(null);
    window.setTimeout(() => {
      document.getElementById('main')?.scrollTo({ top: 0 });
      focusId();
    }, 0);
  };

  const avg = stats.n ? (stats.ms / stats.n / 1000).toLocaleString(fmt.lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }) : null;

  return (
    <div className="keying">
      <section className="panel keying-side" aria-labelledby="keying-title">
        <h1 id="keying-title">{t('ui.keying.title')}</h1>
        <form onSubmit={(e) => void open(e)} noValidate className="sheet-id-form">
          <div className={`field${idError ? ' has-error' : ''}`}>
            <label htmlFor="sheet-id">{t('ui.keying.sheet_id')}</label>
            <div className="inline-form">
              <input ref={idRef} id="sheet-id" name="sheetId" className="sheet-id" value={code} autoComplete="off" spellCheck={false}
                autoCapitalize="characters" placeholder="7K2M-4QXD" aria-invalid={idError ? true : undefined}
                aria-describedby={`sheet-id-hint${idError ? ' sheet-id-err' : ''}`}
                onChange={(e) => {
                  if (!code) started.current = Date.now();
                  setCode(e.target.value);
                }} />
              <button type="submit" className="primary" disabled={loading}>{t('ui.keying.open')}</button>
            </div>
            <small id="sheet-id-hint" className="hint">{t('ui.keying.sheet_id_hint')}</small>
            {idError && <small id="sheet-id-err" role="alert" className="field-error" data-testid="sheet-id-error">{idError}</small>}
            {resolveLink && <Link to={resolveLink}>{t('ui.keying.resolve_link')}</Link>}
          </div>
        </form>
        <div role="status" className="keying-status">
          {done && <p className="alert ok" data-testid="keying-done">{done}</p>}
        </div>
        <p className="keying-stats" data-testid="keying-stats">
          {avg === null ? t('ui.keying.stats_none') : t('ui.keying.stats', { n: fmt.int(stats.n), s: avg })}
        </p>
        <KeyLegend />
      </section>
      <section className="panel keying-sheet" aria-labelledby="sheet-title">
        {sheet ? (
          <>
            <div className="sheet-head">
              <h2 id="sheet-title">{t('ui.keying.sheet', { id: sheet.data.sheetId })}</h2>
              {sheet.data.nextRound === 2 && <span className="tag tag-round2">{t('ui.keying.round2')}</span>}
              <p className="muted">{sheet.data.unitName} · {sheet.data.campaignName}</p>
            </div>
            <SheetKeyer key={`${sheet.data.sheetId}-${sheet.opened}`} sheet={sheet.data} typeAhead={typeAhead} kick={kick} onSaved={saved} onEscape={focusId} />
          </>
        ) : (
          <>
            <h2 id="sheet-title">{t('ui.keying.no_sheet')}</h2>
            <p className="muted">{t('ui.keying.no_sheet_hint')}</p>
          </>
        )}
      </section>
    </div>
  );
}

/** The key mapping, always in view. */
function KeyLegend() {
  const t = useT();
  const rows: [string[], string][] = [
    [['1', '…', 'N'], t('ui.keying.key_choice')],
    [['1', '2', '3', '4'], t('ui.keying.key_rating')],
    [['0', '9'], t('ui.keying.key_no_opinion')],
    [['Enter', 'Tab'], t('ui.keying.key_next')],
    [['Backspace', 'Shift+Tab'], t('ui.keying.key_back')],
    [['B'], t('ui.keying.key_blank')],
    [['H'], t('ui.keying.key_spoiled')],
    [['Esc'], t('ui.keying.key_escape')],
  ];
  return (
    <section className="key-legend" aria-labelledby="key-legend-title">
      <h2 id="key-legend-title">{t('ui.keying.keys')}</h2>
      <dl>
        {rows.map(([ks, v]) => (
          <div key={ks.join()}>
            <dt>{ks.map((k) => (k === '…' ? <span key={k}> … </span> : <kbd key={k}>{k}</kbd>))}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
