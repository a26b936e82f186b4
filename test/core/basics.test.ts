import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dateVN, formatDate, formatDateTime, parseDate, todayVN } from '../../src/core/dates.ts';
import { sortVi } from '../../src/core/collate.ts';
import { passwordProblem } from '../../src/core/password.ts';
import { auditHash, GENESIS_HASH, verifyLinks, type ChainLink } from '../../src/core/audit-chain.ts';
import { catalogues, pickLang, t } from '../../src/i18n/index.ts';
import { codeSlug } from '../../src/core/text.ts';

describe('dates', () => {
  it('reads dd/MM/yyyy and ISO, refuses impossible dates, writes dd/MM/yyyy', () => {
    expect(parseDate('5/1/2026')).toBe('2026-01-05');
    expect(parseDate('2026-01-05')).toBe('2026-01-05');
    expect(parseDate('29/02/2025')).toBeNull();
    expect(parseDate('29/02/2024')).toBe('2024-02-29');
    expect(formatDate('2026-01-05')).toBe('05/01/2026');
  });
  it('uses Vietnam time: 20:00 UTC is already the next day in Hà Nội', () => {
    expect(todayVN(new Date('2026-12-31T20:00:00Z'))).toBe('2027-01-01');
    expect(formatDateTime('2026-12-31T20:05:00Z')).toBe('01/01/2027 03:05');
    // An event at 17:06Z happened on the next day in Vietnam; the citizen's history must say so.
    expect(dateVN('2026-11-26T17:06:06.093Z')).toBe('2026-11-27');
    expect(dateVN('2026-11-26T16:59:59.999Z')).toBe('2026-11-26');
  });
});

describe('Vietnamese collation', () => {
  it('sorts Đ after D and accented letters after their base', () => {
    expect(sortVi(['Đông Sơn', 'Yên Định', 'Ân Tiến', 'An Nông', 'Dân Lý', 'Bá Thước'], (s) => s))
      .toEqual(['An Nông', 'Ân Tiến', 'Bá Thước', 'Dân Lý', 'Đông Sơn', 'Yên Định']);
  });
  it('makes ASCII codes from Vietnamese names', () => {
    expect(codeSlug('Thiệu Hóa')).toBe('THIEUHOA');
    expect(codeSlug('Đông Tiến')).toBe('DONGTIEN');
  });
});

describe('password policy', () => {
  it('wants length, variety, and not the username', () => {
    expect(passwordProblem('Ngắn1!', 'u')?.key).toBe('password.too_short');
    expect(passwordProblem('chuthuongdaiqua', 'u')?.key).toBe('password.too_simple');
    expect(passwordProblem('Quantri.tinh2026', 'quantri.tinh')?.key).toBe('password.guessable');
    expect(passwordProblem('LangNghe@2026', 'quantri.tinh')).toBeNull();
  });
});

describe('audit chain', () => {
  const content = (i: number) => ({
    at: `2026-01-01T00:00:0${i % 10}Z`, actor_user_id: i, actor_username: `u${i}`, unit_id: 1, action: 'unit.update',
    entity_type: 'unit', entity_id: String(i), before_json: null, after_json: `{"n":${i}}`, ip: '127.0.0.1', user_agent: 'x',
  });
  const chain = (n: number): ChainLink[] => {
    const out: ChainLink[] = [];
    let prev = GENESIS_HASH;
    for (let i = 1; i <= n; i++) {
      const c = content(i);
      const hash = auditHash(prev, c);
      out.push({ id: i, ...c, prev_hash: prev, hash });
      prev = hash;
    }
    return out;
  };
  it('hashes an event as it always has: chains written before still verify', () => {
    // Computed with the original definition (sha256 fed the previous hash, then a unit separator and each field,
    // a null as U+0000, one part at a time): a change of format would break every stored chain.
    expect(auditHash(GENESIS_HASH, {
      at: '2026-11-27T07:00:00.000Z', actor_user_id: null, actor_username: null, unit_id: 42, action: 'feedback.receive',
      entity_type: 'feedback_item', entity_id: '7', before_json: null, after_json: '{"kind":"góp ý","anonymous":true}', ip: '10.0.0.1', user_agent: 'Điện thoại',
    })).toBe('e1f9e4212b1140e7d5ed93c2f3c4de672008f05c83ea6557003bcc72af82f264');
  });
  it('verifies an intact chain', () => {
    const r = verifyLinks(chain(20));
    expect(r.count).toBe(20);
    expect(r.broken).toBeUndefined();
  });
  it('names the first broken link for any single edit or deletion (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 12 }), fc.boolean(), (n, del) => {
      const links = chain(12);
      if (del) {
        links.splice(n - 1, 1);
        const r = verifyLinks(links);
        return n === 12 ? r.broken === undefined : r.broken?.id === n + 1;
      }
      links[n - 1] = { ...links[n - 1]!, after_json: '{"n":-1}' };
      return verifyLinks(links).broken?.id === n;
    }));
  });
});

describe('i18n', () => {
  it('has the same keys in every language and no empty message', () => {
    const vi = Object.keys(catalogues.vi).sort();
    expect(Object.keys(catalogues.en).sort()).toEqual(vi);
    for (const lang of ['vi', 'en'] as const) for (const [k, v] of Object.entries(catalogues[lang])) expect(v.trim(), `${lang}:${k}`).not.toBe('');
  });
  it('has a message for every error code, with the same placeholders in both languages', () => {
    for (const key of Object.keys(catalogues.vi)) {
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(ph(catalogues.en[key]!), key).toEqual(ph(catalogues.vi[key]!));
    }
    expect(t('en', 'validation.too_long', { max: 5 })).toBe('At most 5 characters.');
  });
  it('picks the language: explicit choice, then Accept-Language, else Vietnamese', () => {
    expect(pickLang(undefined, undefined)).toBe('vi');
    expect(pickLang(undefined, 'en-GB,en;q=0.8')).toBe('en');
    expect(pickLang(undefined, 'fr-FR,en;q=0.5,vi;q=0.9')).toBe('vi');
    expect(pickLang('en', 'vi')).toBe('en');
  });
});

describe('person sort key', () => {
  it('orders people as a Vietnamese list does: by given name, then family name, Đ after D, tones after letters', async () => {
    const { personSortKey } = await import('../../src/core/collate.ts');
    const people = ['Trần Văn Đức', 'Nguyễn Văn An', 'Lê Thị Dung', 'Phạm Ánh', 'Bùi Anh', 'Nguyễn Thị Ân', 'Hoàng Văn Bình', 'Vũ Văn Ðức'.replace('Ð', 'Đ'), 'Lê Dũng'];
    const sorted = [...people].sort((a, b) => (personSortKey(a) < personSortKey(b) ? -1 : 1));
    expect(sorted).toEqual(['Nguyễn Văn An', 'Bùi Anh', 'Phạm Ánh', 'Nguyễn Thị Ân', 'Hoàng Văn Bình', 'Lê Thị Dung', 'Lê Dũng', 'Trần Văn Đức', 'Vũ Văn Đức']);
    expect(personSortKey('Nguyễn Văn An')).toMatch(/^[0-9]+$/);
  });
});
