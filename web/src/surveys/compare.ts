// Unit names in Vietnamese order (Đ after D, tones after letters), as the server's core/collate.ts compareVi.
const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
