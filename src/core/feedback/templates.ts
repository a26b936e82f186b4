// Response templates: plain text with {placeholders} filled from an item. Pure.
//
// A template is text, never markup: values go in verbatim (no escaping, no tags), and whoever shows the result
// shows it as text. Replacement is one pass, so a value that itself contains "{ma_theo_doi}" stays as typed.
// A placeholder the system does not know, or one it knows but has no value for (an item without a topic), is
// left visible so the officer sees the gap before sending, and is reported. So is a "[what to write]" gap, the
// part of an answer only the officer can write.

export const PLACEHOLDERS = [
  'ten_nguoi_gui',
  'ma_theo_doi',
  'so_so',
  'ngay_tiep_nhan',
  'don_vi',
  'noi_dung_tom_tat',
  'linh_vuc',
  'ngay_hom_nay',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Partial<Record<Placeholder, string | null | undefined>>;

/** What a person addressed without a name is called in a letter. */
export const ANONYMOUS_ADDRESSEE = 'Ông/Bà';

/** {name}: letters (any script, so a mistyped "{tên}" is caught as unknown), digits, underscore. */
const PATTERN = /\{([\p{L}\p{N}_]{1,60})\}/gu;

export function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

/** Every placeholder written in body, once each, in order of first appearance (known or not). */
export function listPlaceholders(body: string): string[] {
  const seen = new Set<string>();
  for (const m of body.normalize('NFC').matchAll(PATTERN)) seen.add(m[1]!);
  return [...seen];
}

/** The placeholders in body the system does not know. */
export function unknownPlaceholders(body: string): string[] {
  return listPlaceholders(body).filter((p) => !isPlaceholder(p));
}

export interface Rendered {
  text: string;
  /** Placeholders the system does not know, left as written. */
  unknown: string[];
  /** Known placeholders without a value for this item, left as written. */
  missing: Placeholder[];
  /**
   * What the template leaves for the officer to write, as "[what to write]" (the result of a check, the documents
   * needed): nothing fills these, so each is pointed out like a placeholder without a value.
   */
  gaps: string[];
}

/** A fill-in gap: "[...]" on one line, up to 200 characters. */
const GAP = /\[([^\]\n]{1,200})\]/g;

export function renderTemplate(body: string, values: PlaceholderValues): Rendered {
  const unknown = new Set<string>();
  const missing = new Set<Placeholder>();
  const text = body.normalize('NFC').replace(PATTERN, (whole, name: string) => {
    if (!isPlaceholder(name)) {
      unknown.add(name);
      return whole;
    }
    const v = values[name]?.normalize('NFC').trim();
    if (!v) {
      missing.add(name);
      return whole;
    }
    return v;
  });
  // From the template, not the result: a value (a citizen's own words) may hold brackets of its own.
  const gaps = [...new Set([...body.normalize('NFC').matchAll(GAP)].map((m) => m[0]))];
  return { text, unknown: [...unknown], missing: [...missing], gaps };
}

/** How the citizen is addressed: "Ông/Bà" plus the name when it may be shown, else "Ông/Bà" alone. */
export function addressee(fullName: string | null | undefined): string {
  const name = fullName?.normalize('NFC').trim();
  return name ? `${ANONYMOUS_ADDRESSEE} ${name}` : ANONYMOUS_ADDRESSEE;
}
