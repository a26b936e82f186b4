// Adds or replaces message keys in both catalogues (kept sorted, 1-space indent):
//   node scripts/i18n-add.mjs keys.json      where keys.json is {"key": ["vi text", "en text"], ...}
//   node scripts/i18n-add.mjs key "vi text" "en text"
import { readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const entries = args.length === 1 ? Object.entries(JSON.parse(readFileSync(args[0], 'utf8'))) : [[args[0], [args[1], args[2]]]];
for (const [i, lang] of ['vi', 'en'].entries()) {
  const file = new URL(`../src/i18n/${lang}.json`, import.meta.url);
  const o = JSON.parse(readFileSync(file, 'utf8'));
  for (const [key, texts] of entries) {
    if (typeof texts?.[i] !== 'string' || !texts[i]) throw new Error(`${key}: missing ${lang} text`);
    o[key] = texts[i];
  }
  const sorted = Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  writeFileSync(file, `${JSON.stringify(sorted, null, 1)}\n`);
}
console.log(`${entries.length} key(s) written to vi.json and en.json`);
