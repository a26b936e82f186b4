import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldVi, normalizeVi, shingles, STOP_WORDS, tokensVi, unifyTones, wordsVi } from '../../src/core/feedback/normalize.ts';
import { suggestKind, suggestTopic } from '../../src/core/feedback/suggest.ts';
import { alternativesTo, STRONG_SUGGESTION } from '../../src/core/feedback/alternatives.ts';
import { procedureOf } from '../../src/core/feedback/kinds.ts';
import { likelyDuplicates, searchKey, similarity } from '../../src/core/feedback/duplicates.ts';
import { stripDiacritics } from '../../src/core/text.ts';

// Strings that look like what citizens type: Vietnamese letters in every tone and case, precomposed or not,
// the other tone placement, stray marks, odd spaces, punctuation, digits, and now and then anything at all.
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const viChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'aăâeêioôơuưyAĂÂEÊIOÔƠUƯY'.split('')).chain((v) => fc.constantFrom(...TONES.map((t) => v + t))) },
  { weight: 2, arbitrary: fc.constantFrom(...'bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX'.split('')) },
  { weight: 2, arbitrary: fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u2009', ',', '.', '!', '?', '“', '”', '-', '3', '12') },
  { weight: 1, arbitrary: fc.constantFrom(...TONES.slice(1), '\u0302', '\u0306', '\u031b', '\u0307') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }) },
);
const viText = fc.array(viChar, { maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(viText, fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme-composite' }));

describe('normalizeVi and foldVi', () => {
  it('unifies the two tone placements, in either case', () => {
    expect(normalizeVi('Thanh Hoá')).toBe(normalizeVi('Thanh Hóa'));
    expect(normalizeVi('Thanh Hoá')).toBe('thanh hóa');
    expect(normalizeVi('khoẻ')).toBe(normalizeVi('khỏe'));
    expect(normalizeVi('thuỷ')).toBe(normalizeVi('thủy'));
    expect(normalizeVi('THANH HOÁ')).toBe('thanh hóa');
    expect(normalizeVi('Tuỳ')).toBe('tùy');
    expect(normalizeVi('hoạ sĩ xoè ô')).toBe('họa sĩ xòe ô');
    expect(unifyTones('Thanh Hoá, THUỶ lợi, Khoẻ')).toBe('Thanh Hóa, THỦY lợi, Khỏe');
  });

  it('puts a misplaced tone back and leaves qu-, gi- and syllables with a modified vowel right', () => {
    expect(normalizeVi('hòang')).toBe('hoàng');
    expect(normalizeVi('thúê')).toBe('thuế');
    expect(normalizeVi('qúy gía')).toBe('quý giá');
    expect(normalizeVi('gì gìn giữa người quyết khuỷu ngoài')).toBe('gì gìn giữa người quyết khuỷu ngoài');
    expect(normalizeVi('café Hoà')).toBe('café hòa'); // not a Vietnamese syllable: left alone
  });

  it('gives every placement of a tone in a syllable the same form', () => {
    const syllables = ['hoa', 'khoe', 'thuy', 'hoang', 'nguyen', 'quy', 'qua', 'gia', 'ngoai', 'khuyu', 'thuong', 'nguoi', 'thue', 'mua', 'xoay'];
    const withMods: Record<string, string> = { nguyen: 'nguyên', thuong: 'thương', nguoi: 'ngươi', thue: 'thuê' };
    for (const plain of syllables) {
      const s = withMods[plain] ?? plain;
      for (const tone of TONES.slice(1)) {
        const forms = new Set<string>();
        for (let i = 0; i < s.length; i++) {
          if (!/[aăâeêioôơuưy]/.test(s[i]!)) continue;
          forms.add(normalizeVi((s.slice(0, i + 1) + tone + s.slice(i + 1)).normalize('NFC')));
        }
        expect([...forms], `${s} ${JSON.stringify(tone)}`).toHaveLength(1);
      }
    }
  });

  it('folds away every mark, so unaccented text matches', () => {
    expect(foldVi('Không CÓ dấu')).toBe('khong co dau');
    expect(foldVi('khong co dau')).toBe(foldVi('không có dấu'));
    expect(foldVi('  Đường   Đỗ  ')).toBe('duong do');
    expect(foldVi('Thanh Hoá')).toBe(foldVi('thanh hóa'));
    expect(foldVi('hoa\u0300 bi\u0300nh')).toBe('hoa binh'); // decomposed input
  });

  it('tokens drop the commonest words, shingles pair the rest', () => {
    expect(tokensVi('Tôi đã bị mất trộm xe máy ở thôn 3, Thanh Hoá.')).toEqual(['toi', 'mat', 'trom', 'xe', 'may', 'thon', '3', 'thanh', 'hoa']);
    expect(tokensVi('và của là có các những được cho với này đã thì')).toEqual([]);
    expect(tokensVi('toi da bi mat trom xe may')).toEqual(tokensVi('Tôi đã bị mất trộm xe máy'));
    expect(tokensVi('ma túy, tội phạm, đèn đỏ')).toEqual(['ma', 'tuy', 'toi', 'pham', 'den', 'do']);
    expect(shingles('Tôi đã bị mất trộm xe máy')).toEqual(['toi mat', 'mat trom', 'trom xe', 'xe may']);
    expect(shingles(['mat', 'trom'])).toEqual(['mat trom']);
    expect(shingles(['trom'])).toEqual(['trom']);
    expect(shingles('và là')).toEqual([]);
    expect(STOP_WORDS.has('va')).toBe(true);
    expect(wordsVi('Thanh Hoá, KHOẺ')).toEqual({ norm: ['thanh', 'hóa', 'khỏe'], fold: ['thanh', 'hoa', 'khoe'] });
  });

  it('properties: idempotent, folding commutes with normalising, the fast fold is the definition', () => {
    fc.assert(fc.property(anyText, (x) => {
      const n = normalizeVi(x);
      expect(normalizeVi(n)).toBe(n);
      expect(n).toBe(n.normalize('NFC'));
      expect(foldVi(n)).toBe(foldVi(x));
      expect(foldVi(x)).toBe(stripDiacritics(x.normalize('NFC').toLowerCase()).replace(/\s+/g, ' ').trim());
      expect(foldVi(foldVi(x))).toBe(foldVi(x));
      expect(tokensVi(foldVi(x))).toEqual(tokensVi(x));
      expect(unifyTones(unifyTones(x))).toBe(unifyTones(x));
    }), { numRuns: 2000 });
  });
});

describe('suggestions', () => {
  // [text, expected first kind (null: no kind suggested), expected first topic, another topic expected among the first three]
  const cases: [string, string | null, string | null, string?][] = [
    ['Tôi tố cáo ông A đánh bạc', 'denunciation', 'crime'],
    ['Đề nghị lắp đèn đường ở thôn 3 vì hay mất trộm', 'request', 'security', 'crime'],
    ['Cảm ơn anh công an xã đã giúp làm CCCD nhanh', 'praise', 'admin_id', 'service'],
    ['Xe tải chạy quá tốc độ qua trường học', 'report', 'traffic'],
    ['Cán bộ tiếp dân có thái độ hách dịch', 'report', 'conduct_communication', 'service'],
    ['toi khieu nai quyet dinh xu phat', 'complaint', null],
    ['Tối qua có cháy nhà ở xóm 2, xe cứu hỏa đến rất chậm', 'report', 'fire', 'conduct_responsibility'],
    ['Gần nhà tôi có một nhóm thanh niên tụ tập sử dụng ma tuý vào ban đêm', 'report', 'drugs', 'security'],
    ['Tôi muốn tố giác một đối tượng lừa đảo qua mạng chiếm đoạt 50 triệu đồng', 'crime_report', 'crime'],
    ['Xin góp ý: bộ phận một cửa nên bố trí thêm ghế ngồi chờ', 'suggestion', 'service'],
    ['Tôi không hài lòng vì hồ sơ đăng ký thường trú bị hẹn đi hẹn lại nhiều lần', 'complaint', 'admin_residence', 'conduct_responsibility'],
    ['Kính đề nghị công an xã hướng dẫn thủ tục đăng ký tạm trú cho người thuê trọ', 'request', 'admin_residence'],
    ['Tôi xin khen ngợi đồng chí Lan ở bộ phận tiếp dân đã tận tình hướng dẫn', 'praise', 'service', 'conduct_communication'],
    ['Phản ánh tình trạng đua xe trái phép trên quốc lộ 1A vào ban đêm', 'report', 'traffic'],
    ['Cán bộ trực ban mặc thường phục, hút thuốc trong giờ làm việc', null, 'conduct_etiquette'],
    ['Nhà hàng xóm hát karaoke đến 12 giờ đêm gây ồn ào', 'report', 'security'],
    ['Tôi bị cướp giật điện thoại ở ngã tư', 'crime_report', 'crime'],
    ['Làm căn cước cho con mà phải đi lại 3 lần vẫn chưa xong', 'report', 'admin_id', 'conduct_responsibility'],
    ['Ông Bình bị xe máy va chạm, đề nghị xem xét camera', 'request', 'traffic'],
    ['cong an xa lam viec rat nhiet tinh, chu dao', 'praise', 'conduct_communication'],
    ['Đồng chí cảnh sát khu vực nói năng thô lỗ, quát mắng người dân', 'report', 'conduct_communication'],
    ['Cơ sở kinh doanh karaoke không có bình chữa cháy, lối thoát hiểm bị khóa', null, 'fire'],
    ['Đề nghị tăng cường tuần tra vì đêm nào cũng có trộm chó', 'request', 'security', 'crime'],
    ['Tôi muốn hỏi thủ tục cấp đổi CCCD gắn chip cho người già', 'request', 'admin_id'],
  ];

  it.each(cases)('%s', (text, kind, topic, alsoTopic) => {
    for (const variant of [text, foldVi(text), text.toUpperCase()]) {
      const kinds = suggestKind(variant);
      const topics = suggestTopic(variant);
      if (kind === null) expect(kinds).toEqual([]);
      else expect(kinds[0]?.kind, variant).toBe(kind);
      if (topic === null) expect(topics).toEqual([]);
      else expect(topics[0]?.code, variant).toBe(topic);
      if (alsoTopic) expect(topics.slice(0, 3).map((t) => t.code), variant).toContain(alsoTopic);
      for (const s of [...kinds, ...topics]) {
        expect(s.score).toBeGreaterThan(0);
        expect(s.score).toBeLessThan(1);
        expect(s.reasons.length).toBeGreaterThan(0);
      }
      expect(kinds.map((k) => k.score)).toEqual([...kinds.map((k) => k.score)].sort((a, b) => b - a));
    }
  });

  it('explains itself with the matched phrases and keeps the closing thanks weak', () => {
    const [first] = suggestKind('Tôi tố cáo ông A đánh bạc');
    expect(first).toMatchObject({ kind: 'denunciation', reasons: ['tố cáo', 'đánh bạc'] });
    expect(first!.score).toBeGreaterThan(0.7);
    const letter = suggestKind('Đề nghị công an xã sớm giải quyết hồ sơ của gia đình tôi. Xin chân thành cảm ơn!');
    expect(letter[0]?.kind).toBe('request');
    expect(letter.find((k) => k.kind === 'praise')!.score).toBeLessThan(0.3);
  });

  it('reads "không hài lòng" as a grievance, not as praise', () => {
    const kinds = suggestKind('Tôi không hài lòng');
    expect(kinds.map((k) => k.kind)).not.toContain('praise');
    expect(suggestKind('Tôi rất hài lòng')[0]?.kind).toBe('praise');
  });

  it('tells "cháy" from "chạy", and leaves the unaccented "chay" to longer phrases', () => {
    expect(suggestTopic('Xe chạy ẩu').map((t) => t.code)).not.toContain('fire');
    expect(suggestTopic('Nhà bị cháy')[0]?.code).toBe('fire');
    expect(suggestTopic('xe chay au').map((t) => t.code)).not.toContain('fire');
    expect(suggestTopic('co vu chay o cho')[0]?.code).toBe('fire');
  });

  it('matches both tone placements and no marks alike', () => {
    expect(suggestTopic('bán ma tuý')).toEqual(suggestTopic('bán ma túy'));
    expect(suggestTopic('hoả hoạn')).toEqual(suggestTopic('hỏa hoạn'));
    expect(suggestTopic('hoa hoan')[0]?.code).toBe('fire');
  });

  it('suggests nothing rather than guess', () => {
    expect(suggestKind('Hôm nay trời đẹp')).toEqual([]);
    expect(suggestTopic('Hôm nay trời đẹp')).toEqual([]);
    expect(suggestKind('')).toEqual([]);
    expect(suggestTopic('   ')).toEqual([]);
  });

  it('uses an admin taxonomy: extra keywords, new codes, and a half-weight "other"', () => {
    const topics = [
      { code: 'traffic' },
      { code: 'environment', keywords: ['rác thải', 'ô nhiễm'] },
      { code: 'other', keywords: ['chó thả rông'] },
    ];
    expect(suggestTopic('Rác thải đổ ra đường gây ô nhiễm', topics)[0]).toMatchObject({ code: 'environment', reasons: ['rác thải', 'ô nhiễm'] });
    expect(suggestTopic('rac thai do ra duong', topics)[0]?.code).toBe('environment');
    expect(suggestTopic('Tôi bị mất trộm xe máy', topics).map((t) => t.code)).toEqual(['traffic']); // no crime topic here
    const other = suggestTopic('Nhiều chó thả rông', topics);
    expect(other[0]?.code).toBe('other');
    expect(other[0]!.score).toBeLessThan(suggestTopic('Nhiều chó thả rông', [{ code: 'pets', keywords: ['chó thả rông'] }])[0]!.score);
    // an exact-only keyword
    expect(suggestTopic('ba chay', [{ code: 'x', keywords: ['=bà cháy'] }])).toEqual([]);
    expect(suggestTopic('bà cháy', [{ code: 'x', keywords: ['=bà cháy'] }])[0]?.code).toBe('x');
  });

  it('offers beside a current choice only what the text supports about as well', () => {
    // The demo's speed-bump request, filed under traffic: the text says traffic, and the weak guess is not offered.
    const text = 'Đề nghị lắp biển báo giảm tốc độ và gờ giảm tốc trước cổng trường tiểu học, xe tải chạy rất nhanh giờ tan học.';
    const topics = suggestTopic(text);
    expect(topics[0]?.code).toBe('traffic');
    const weak = topics.filter((x) => x.code !== 'traffic' && x.score < STRONG_SUGGESTION);
    expect(weak.length).toBeGreaterThan(0);
    expect(alternativesTo(topics, (x) => x.code === 'traffic')).toEqual(topics.filter((x) => x.code !== 'traffic' && x.score >= STRONG_SUGGESTION));
    // Unclassified, or classified against the text: every suggestion.
    expect(alternativesTo(topics, () => false)).toEqual(topics);
    expect(alternativesTo(topics, (x) => x.code === 'fire')).toEqual(topics);
    // Filed under the weak one: the text's stronger choice is offered, never the current one.
    const under = weak[0]!.code;
    expect(alternativesTo(topics, (x) => x.code === under).map((x) => x.code)).toEqual(topics.filter((x) => x.code !== under).map((x) => x.code));
  });

  it('always offers a kind that leaves this procedure, however weak beside the current kind', () => {
    const kinds = suggestKind('Đề nghị công an xã giải quyết sớm, gia đình tôi bị xử phạt');
    const complaint = kinds.find((k) => k.kind === 'complaint');
    expect(complaint).toBeDefined();
    const top = kinds[0]!;
    expect(top.kind).toBe('request');
    expect(complaint!.score).toBeLessThan(Math.min(top.score, STRONG_SUGGESTION));
    const isCurrent = (k: { kind: string }) => k.kind === 'request';
    expect(alternativesTo(kinds, isCurrent).map((k) => k.kind)).not.toContain('complaint');
    expect(alternativesTo(kinds, isCurrent, (k) => procedureOf(k.kind) !== null).map((k) => k.kind)).toContain('complaint');
  });
});

describe('duplicates', () => {
  const original = 'Đề nghị lắp đèn đường ở thôn 3 vì hay mất trộm';
  const paraphrase = 'Thôn 3 hay bị mất trộm, đề nghị lắp thêm đèn đường';
  const reworded = 'Kiến nghị lắp đặt đèn chiếu sáng tại thôn 3, thôn hay bị mất trộm';
  const unrelated = 'Cán bộ tiếp dân có thái độ hách dịch';

  it('scores a paraphrase and an unaccented copy above the threshold, an unrelated text below', () => {
    expect(similarity(original, foldVi(original))).toBe(1);
    expect(similarity(original, 'de nghi lap den duong o thon 3 vi hay mat trom')).toBe(1);
    expect(similarity('Thanh Hoá', 'thanh hóa')).toBe(1);
    expect(similarity(original, paraphrase)).toBeGreaterThan(0.6);
    expect(similarity(original, reworded)).toBeGreaterThan(0.45);
    expect(similarity(original, unrelated)).toBeLessThan(0.1);
    expect(similarity('Xe tải chạy quá tốc độ qua trường học', 'Xe tải thường phóng nhanh quá tốc độ khi đi qua trường học')).toBeGreaterThan(0.5);
    expect(similarity('', '')).toBe(0);
    expect(similarity('và là', 'có các')).toBe(0);
  });

  it('lists likely duplicates best first, within threshold and limit', () => {
    const candidates = [
      { id: 1, text: unrelated },
      { id: 2, text: reworded },
      { id: 3, text: foldVi(original) },
      { id: 4, text: paraphrase },
      { id: 5, text: 'Đề nghị lắp đèn giao thông ở ngã tư thôn 5' },
      { id: 6, text: '' },
    ];
    const found = likelyDuplicates(original, candidates, { threshold: 0.45, limit: 10 });
    expect(found.map((d) => d.id)).toEqual([3, 4, 2]);
    expect(found[0]!.score).toBe(1);
    expect(likelyDuplicates(original, candidates, { threshold: 0.45, limit: 2 }).map((d) => d.id)).toEqual([3, 4]);
    expect(likelyDuplicates(original, candidates).map((d) => d.id)).toEqual([3, 4, 2]); // defaults
    expect(likelyDuplicates('', candidates)).toEqual([]);
    expect(likelyDuplicates(original, candidates, { threshold: 0 }).map((d) => d.id)).toEqual([3, 4, 2, 5, 1]);
    for (const d of likelyDuplicates(original, candidates, { threshold: 0 })) {
      expect(d.score).toBe(Math.round(similarity(original, candidates.find((c) => c.id === d.id)!.text) * 1000) / 1000);
    }
  });

  it('properties: symmetric, in [0, 1], 1 for the same text, and likelyDuplicates agrees with similarity', () => {
    fc.assert(fc.property(anyText, anyText, (a, b) => {
      const s = similarity(a, b);
      expect(s).toBe(similarity(b, a));
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
      if (foldVi(a) !== '') expect(similarity(a, a)).toBe(1);
      if (foldVi(b) !== '') expect(similarity(b, normalizeVi(b))).toBe(1);
    }), { numRuns: 1000 });
    const words = ['đề nghị', 'lắp', 'đèn', 'đường', 'thôn', '3', 'mất', 'trộm', 'xe', 'máy', 'và', 'của', 'cháy', 'chạy'];
    const sentence = fc.array(fc.constantFrom(...words), { maxLength: 12 }).map((w) => w.join(' '));
    fc.assert(fc.property(sentence, fc.array(sentence, { maxLength: 8 }), (q, texts) => {
      const candidates = texts.map((text, id) => ({ id, text }));
      const found = likelyDuplicates(q, candidates, { threshold: 0.3, limit: 100 });
      const expected = candidates
        .map((c) => ({ id: c.id, score: similarity(q, c.text) }))
        .filter((c) => tokensVi(q).length > 0 && c.score >= 0.3)
        .map((c) => ({ id: c.id, score: Math.round(c.score * 1000) / 1000 }))
        .sort((x, y) => y.score - x.score);
      expect(found).toEqual(expected);
    }), { numRuns: 300 });
  });

  it('scores a batch of 1,000 candidates the same each time (caches never change a score)', () => {
    const words = 'tôi đề nghị công an xã xem xét tình trạng xe tải chạy quá tốc độ qua trường học thôn 3 hay mất trộm cán bộ tiếp dân thái độ hách dịch cảm ơn làm căn cước nhanh chóng đăng ký tạm trú người thuê trọ ma túy thanh niên tụ tập ban đêm karaoke gây ồn ào khiếu nại quyết định xử phạt'.split(' ');
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const batch = () => Array.from({ length: 1000 }, (_, id) => ({
      id,
      text: Array.from({ length: 20 + Math.floor(random() * 30) }, () => words[Math.floor(random() * words.length)]).join(' '),
    }));
    const query = 'Đề nghị lắp đèn đường ở thôn 3 vì hay mất trộm, thanh niên tụ tập ban đêm';
    for (let i = 0; i < 5; i++) likelyDuplicates(query, batch()); // warm up the JIT
    // Speed is a benchmark's business, not a test's: here only that a large batch gives the same answers twice
    // (the caches must never change a score).
    const fresh = batch();
    expect(likelyDuplicates(query, fresh)).toEqual(likelyDuplicates(query, fresh));
  });

  it('makes a compact search key of sorted distinct tokens', () => {
    expect(searchKey('Mất trộm xe máy ở thôn 3, mất trộm!')).toBe('3 mat may thon trom xe');
    expect(searchKey('mat trom xe may o thon 3')).toBe(searchKey('Mất trộm xe máy ở thôn 3'));
    expect(searchKey('và là')).toBe('');
  });
});
