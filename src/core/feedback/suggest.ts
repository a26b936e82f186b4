// Suggestions of kind and topic for a feedback text (pure, no I/O). Suggestions only: an officer decides.
//
// Each kind and topic has weighted keyword phrases. A text is cut into words (normalizeVi: NFC, one tone
// placement, lower case); a phrase matches at a position when each of its words equals the text's word, or
// when the text's word carries no diacritics at all and equals the phrase word once folded ("khieu nai" matches
// "khiếu nại"; "khiếu nài" does not). A phrase written with a leading '=' matches only with its diacritics
// ("=cháy" is not "chạy"; typed without marks, both are "chay"). Phrases are taken longest first, left to
// right, each word at most once, so "không hài lòng" is read once as a grievance and never as "hài lòng".
// The weights of the matched phrases add up per kind or topic; score = 1 - exp(-sum / 2.5) (one strong phrase,
// weight 3, gives 0.70; a weak one, 0.5, gives 0.18). Nothing matched, nothing suggested: an empty list.
import type { FeedbackKind } from '../../db/schema.ts';
import { wordsVi } from './normalize.ts';

export interface KindSuggestion {
  kind: FeedbackKind;
  /** In (0, 1): 1 - exp(-sum of matched weights / 2.5), three decimals. */
  score: number;
  /** The matched phrases as written in the lexicon, strongest first. */
  reasons: string[];
}

export interface TopicSuggestion {
  code: string;
  score: number;
  reasons: string[];
}

export interface TopicKeywords {
  code: string;
  /** Extra phrases for this topic (weight 2 each), added to the built-in ones of a default code. */
  keywords?: readonly string[];
}

type Weighted = readonly (readonly [phrase: string, weight: number])[];

// ---------------------------------------------------------------------------------------------------------
// Lexicons. Kind words first (the citizen often names the kind), then typical wording of each kind.
// ---------------------------------------------------------------------------------------------------------

const KIND_PHRASES: Readonly<Record<FeedbackKind, Weighted>> = {
  suggestion: [
    ['góp ý', 3], ['xin góp ý', 3.5], ['ý kiến đóng góp', 3], ['đóng góp ý kiến', 3], ['đóng góp', 1.5],
    ['đề xuất', 1.5], ['hiến kế', 2.5], ['sáng kiến', 1.5], ['cải tiến', 1], ['cải thiện', 1], ['nên có', 1],
    ['theo tôi', 1], ['tôi nghĩ', 0.5], ['nên', 0.5],
  ],
  report: [
    ['phản ánh', 3], ['phản ảnh', 3], ['xin phản ánh', 3.5], ['báo tin', 1], ['xin báo', 1], ['thông báo', 0.5],
    ['tình trạng', 1.5], ['thường xuyên', 1], ['hay xảy ra', 1], ['xảy ra', 0.5], ['hằng ngày', 0.5],
    ['hàng ngày', 0.5], ['hằng đêm', 0.5], ['gây mất trật tự', 1.5], ['mất an ninh', 1], ['gây ồn', 1],
    ['ồn ào', 1], ['tụ tập', 1], ['lấn chiếm', 1], ['xuống cấp', 1], ['ô nhiễm', 1], ['nguy hiểm', 1],
    ['mất an toàn', 1], ['phải đi lại', 1], ['rất chậm', 0.5], ['quá tốc độ', 0.5], ['phóng nhanh', 0.5], ['ùn tắc', 1], ['hách dịch', 1.5],
    ['cửa quyền', 1.5], ['thô lỗ', 1], ['quát mắng', 1], ['xúc phạm', 1], ['phiền hà', 1], ['nhũng nhiễu', 1], ['gây khó khăn', 1], ['thiếu trách nhiệm', 1],
    ['không hài lòng', 0.5], ['chưa hài lòng', 0.5], ['bức xúc', 0.5],
  ],
  request: [
    ['kiến nghị', 3], ['đề nghị', 2.5], ['yêu cầu', 2], ['mong muốn', 1.5], ['mong', 1], ['rất mong', 1.5],
    ['đề xuất', 1], ['xin cấp', 1.5], ['giải quyết', 1], ['xem xét', 1], ['sớm', 0.5], ['can thiệp', 1.5],
    ['hỗ trợ', 1], ['giúp đỡ', 1], ['lắp', 0.5], ['lắp đặt', 1], ['bố trí', 1], ['tăng cường', 1.5],
    ['xử lý', 0.5], ['xử lý nghiêm', 1], ['cho tôi hỏi', 1], ['xin hỏi', 1], ['muốn hỏi', 1], ['hướng dẫn', 0.5],
  ],
  praise: [
    ['khen ngợi', 3], ['khen', 2.5], ['tuyên dương', 2.5], ['biểu dương', 2.5], ['cảm ơn', 2.5],
    ['cám ơn', 2.5], ['biết ơn', 2], ['tri ân', 2], ['cảm kích', 2], ['hài lòng', 1.5], ['rất hài lòng', 2.5],
    ['rất tốt', 1.5], ['nhiệt tình', 1.5], ['tận tình', 1.5], ['tận tâm', 1.5], ['chu đáo', 1.5],
    ['niềm nở', 1.5], ['nhanh chóng', 0.5], ['gương mẫu', 1], ['đã giúp', 1], ['đã giúp đỡ', 1.5],
    ['đã hỗ trợ', 1], ['kịp thời', 0.5],
    // a letter's closing words, weak on purpose
    ['xin cảm ơn', 0.5], ['xin cám ơn', 0.5], ['xin chân thành cảm ơn', 0.5], ['trân trọng cảm ơn', 0.5],
    ['chân thành cảm ơn', 1.5],
  ],
  complaint: [
    ['khiếu nại', 3.5], ['đơn khiếu nại', 4], ['khiếu kiện', 2.5], ['không đồng ý', 1.5],
    ['không đồng tình', 1], ['không chấp nhận', 1], ['quyết định', 0.5], ['quyết định xử phạt', 1.5],
    ['xử phạt', 0.5], ['bị xử phạt', 1], ['bất hợp lý', 1], ['không đúng', 1], ['không đúng quy định', 1.5],
    ['trái quy định', 1], ['trái pháp luật', 1], ['oan', 1], ['quyền lợi', 1], ['quyền và lợi ích', 1.5],
    ['lợi ích hợp pháp', 1.5], ['thu hồi', 0.5], ['không hài lòng', 1.5], ['chưa hài lòng', 1.5],
    ['bức xúc', 1], ['hách dịch', 0.5],
  ],
  denunciation: [
    ['tố cáo', 3.5], ['đơn tố cáo', 4], ['tham nhũng', 1.5], ['hối lộ', 1.5], ['nhận hối lộ', 2],
    ['ăn hối lộ', 2], ['bao che', 1.5], ['lạm quyền', 1.5], ['lợi dụng chức vụ', 2], ['vòi tiền', 1.5],
    ['nhũng nhiễu', 1], ['sai phạm', 1], ['vi phạm', 0.5], ['vi phạm pháp luật', 1], ['đánh bạc', 0.5],
    ['làm trái', 1],
  ],
  crime_report: [
    ['tố giác', 3.5], ['tố giác tội phạm', 4], ['tin báo tội phạm', 3.5], ['trình báo', 2], ['báo án', 2.5],
    ['tội phạm', 1], ['bị trộm', 1.5], ['mất trộm', 1], ['trộm', 1], ['trộm cắp', 1.5], ['cướp', 2],
    ['cướp giật', 2], ['lừa đảo', 1.5], ['bị lừa', 1.5], ['chiếm đoạt', 1.5], ['đánh người', 1.5],
    ['hành hung', 1.5], ['cố ý gây thương tích', 2], ['giết người', 2], ['ma túy', 1],
    ['buôn bán ma túy', 2], ['mua bán ma túy', 2], ['tàng trữ', 1.5], ['đánh bạc', 1], ['cá độ', 1],
    ['tổ chức đánh bạc', 1.5], ['tín dụng đen', 1], ['cho vay nặng lãi', 1.5], ['xâm hại', 1.5],
    ['hiếp dâm', 2], ['bắt cóc', 2], ['hung khí', 1.5], ['khả nghi', 1], ['đối tượng', 0.5],
  ],
};

/** Built-in keywords of the default topic codes (DEFAULT_TOPICS in kinds.ts). 'other' has none: never guessed. */
export const TOPIC_PHRASES: Readonly<Record<string, Weighted>> = {
  security: [
    ['an ninh trật tự', 3], ['antt', 3], ['an ninh', 2], ['trật tự', 1.5], ['mất trật tự', 2.5], ['gây rối', 2.5],
    ['tụ tập', 1.5], ['đánh nhau', 2], ['ẩu đả', 2], ['côn đồ', 2], ['băng nhóm', 2], ['gây ồn', 1.5],
    ['ồn ào', 1], ['karaoke', 1], ['say rượu', 1], ['nhậu', 0.5], ['tuần tra', 2], ['đèn đường', 1.5],
    ['chiếu sáng', 1], ['camera', 1], ['mất trộm', 1], ['dân phòng', 1.5], ['bảo vệ dân phố', 1.5],
    ['người lạ', 1], ['đối tượng lạ', 1.5], ['an toàn', 0.5], ['pháo', 1], ['đốt pháo', 2],
  ],
  crime: [
    ['tội phạm', 3], ['trộm', 2], ['trộm cắp', 2.5], ['mất trộm', 2], ['bị trộm', 2], ['cướp', 2.5],
    ['cướp giật', 3], ['lừa đảo', 3], ['bị lừa', 2], ['chiếm đoạt', 2], ['đánh bạc', 2.5], ['cá độ', 2],
    ['cờ bạc', 2], ['lô đề', 2], ['ghi đề', 2], ['giết người', 3], ['cố ý gây thương tích', 3], ['hành hung', 2],
    ['đánh người', 2], ['tín dụng đen', 2.5], ['cho vay nặng lãi', 2.5], ['xâm hại', 2], ['hiếp dâm', 3],
    ['bắt cóc', 3], ['mua bán người', 3], ['mại dâm', 2], ['hàng giả', 1.5], ['buôn lậu', 2], ['vũ khí', 1.5],
    ['hung khí', 1.5], ['đột nhập', 1.5], ['giả danh', 1.5], ['giả danh công an', 3], ['mạo danh', 1.5],
    ['chuyển tiền', 1], ['tố giác', 1], ['báo án', 1], ['hối lộ', 1], ['tham nhũng', 1],
  ],
  drugs: [
    ['ma túy', 3], ['ma túy đá', 3.5], ['nghiện', 2.5], ['nghiện ngập', 3], ['con nghiện', 3],
    ['người nghiện', 3], ['cai nghiện', 3], ['chất cấm', 2], ['chất kích thích', 2], ['thuốc lắc', 3],
    ['heroin', 3], ['cần sa', 3], ['bóng cười', 2.5], ['khí cười', 2.5], ['hút chích', 3], ['tiêm chích', 2],
    ['bay lắc', 3], ['chất ma túy', 3], ['thuốc lá điện tử', 1.5],
  ],
  traffic: [
    ['giao thông', 3], ['an toàn giao thông', 3.5], ['tai nạn', 2.5], ['tai nạn giao thông', 3.5],
    ['vượt đèn', 3], ['vượt đèn đỏ', 3.5], ['đèn đỏ', 2], ['đèn tín hiệu', 2], ['đèn giao thông', 3],
    ['đua xe', 3], ['quá tốc độ', 3], ['tốc độ', 1.5], ['phóng nhanh', 2.5], ['lạng lách', 3], ['đánh võng', 3],
    ['nồng độ cồn', 3], ['lái xe', 1.5], ['xe tải', 1.5], ['xe máy', 1], ['ô tô', 1], ['xe khách', 1.5],
    ['container', 1.5], ['mũ bảo hiểm', 2.5], ['ùn tắc', 2.5], ['tắc đường', 2.5], ['kẹt xe', 2.5],
    ['đỗ xe', 1.5], ['dừng đỗ', 2], ['đậu xe', 1.5], ['lòng đường', 1.5], ['vỉa hè', 1], ['biển báo', 2],
    ['vạch kẻ đường', 2], ['gờ giảm tốc', 2.5], ['cảnh sát giao thông', 3], ['csgt', 3], ['biển số', 2],
    ['giấy phép lái xe', 2.5], ['bằng lái', 2], ['va chạm', 2], ['quá tải', 1.5], ['chở quá tải', 2.5],
    ['xe', 0.5], ['đường', 0.3],
  ],
  fire: [
    ['=cháy', 2.5], ['cháy nổ', 3], ['phòng cháy', 3], ['chữa cháy', 3], ['phòng cháy chữa cháy', 3.5],
    ['pccc', 3.5], ['hỏa hoạn', 3], ['đám cháy', 3], ['vụ cháy', 3], ['bốc cháy', 3], ['cháy nhà', 3],
    ['cháy rừng', 3], ['cháy chợ', 3], ['chập điện', 2.5], ['chập cháy', 3], ['bình cứu hỏa', 3],
    ['bình chữa cháy', 3], ['cứu hỏa', 2.5], ['lối thoát hiểm', 2.5], ['thoát hiểm', 2],
    ['cứu nạn cứu hộ', 3], ['cứu hộ', 1.5], ['=khói', 1], ['=nổ', 1], ['bình ga', 1.5], ['rò rỉ khí ga', 2.5],
    ['xăng dầu', 1],
  ],
  admin: [
    ['thủ tục hành chính', 3], ['thủ tục', 1.5], ['hồ sơ', 1], ['giấy tờ', 1], ['xác nhận', 0.5],
  ],
  admin_residence: [
    ['cư trú', 3], ['tạm trú', 3], ['thường trú', 3], ['đăng ký tạm trú', 3.5], ['khai báo tạm trú', 3.5],
    ['tạm vắng', 3], ['lưu trú', 2.5], ['khai báo lưu trú', 3], ['hộ khẩu', 3], ['sổ hộ khẩu', 3],
    ['tách hộ', 3], ['nhập hộ khẩu', 3], ['chuyển hộ khẩu', 3], ['xác nhận cư trú', 3.5],
    ['xác nhận thông tin cư trú', 3.5], ['chủ hộ', 2], ['nhà trọ', 1], ['phòng trọ', 1], ['thuê trọ', 1.5],
  ],
  admin_id: [
    ['cccd', 3], ['căn cước', 3], ['căn cước công dân', 3.5], ['thẻ căn cước', 3.5], ['làm căn cước', 3.5],
    ['chứng minh nhân dân', 3], ['cmnd', 3], ['chứng minh thư', 3], ['định danh', 3],
    ['định danh điện tử', 3.5], ['vneid', 3.5], ['mã định danh', 3], ['số định danh', 3], ['cấp đổi', 2],
    ['cấp lại', 1.5], ['sinh trắc', 2.5], ['gắn chip', 2.5], ['dữ liệu dân cư', 2.5], ['mức 2', 1.5],
  ],
  conduct: [
    ['tác phong', 1.5], ['thái độ', 1.5], ['cán bộ', 0.5], ['chiến sĩ', 0.5], ['công an', 0.3],
  ],
  conduct_responsibility: [
    ['trách nhiệm', 2], ['thiếu trách nhiệm', 3], ['vô trách nhiệm', 3], ['tinh thần trách nhiệm', 3],
    ['đùn đẩy', 3], ['né tránh', 2.5], ['chậm trễ', 2.5], ['chậm giải quyết', 2.5], ['không giải quyết', 2.5],
    ['quá hạn', 2], ['trễ hẹn', 2.5], ['hẹn đi hẹn lại', 3], ['đi lại nhiều lần', 2.5], ['phải đi lại', 2],
    ['chưa xong', 1], ['rất chậm', 1], ['gây khó khăn', 2.5],
    ['làm khó', 2], ['nhũng nhiễu', 2.5], ['vòi tiền', 2], ['bỏ vị trí', 2.5], ['vắng mặt', 1.5],
    ['không có mặt', 1.5], ['làm việc riêng', 2], ['không tiếp nhận', 2], ['từ chối tiếp nhận', 2.5],
    ['không trả lời', 1.5], ['không phản hồi', 1.5], ['lơ là', 2.5], ['thờ ơ', 2],
  ],
  conduct_etiquette: [
    ['lễ tiết', 3], ['tác phong', 3], ['điều lệnh', 3], ['trang phục', 2], ['quân phục', 2], ['đầu tóc', 2],
    ['hút thuốc', 2], ['uống rượu', 1.5], ['say xỉn', 2], ['trong giờ làm việc', 1.5], ['giờ hành chính', 1],
    ['chào hỏi', 1.5], ['đi muộn', 2], ['về sớm', 2], ['đi trễ', 2], ['thiếu nghiêm túc', 2], ['luộm thuộm', 2],
    ['xuề xòa', 2], ['chơi điện thoại', 2], ['dùng điện thoại', 1.5], ['gương mẫu', 1.5],
  ],
  conduct_communication: [
    ['thái độ', 2.5], ['hách dịch', 3], ['cửa quyền', 3], ['quát', 2.5], ['quát mắng', 3], ['to tiếng', 2.5],
    ['lớn tiếng', 2.5], ['xúc phạm', 2.5], ['lăng mạ', 3], ['chửi', 2.5], ['văng tục', 3], ['nói tục', 2.5],
    ['thô lỗ', 3], ['cáu gắt', 3], ['gắt gỏng', 3], ['khó chịu', 1.5], ['coi thường', 2],
    ['thiếu tôn trọng', 2.5], ['không tôn trọng', 2.5], ['giao tiếp', 2.5], ['ứng xử', 2.5], ['niềm nở', 2],
    ['lịch sự', 2], ['nhã nhặn', 2.5], ['ân cần', 2], ['vui vẻ', 1.5], ['thân thiện', 2], ['nhẹ nhàng', 1],
    ['tận tình', 1.5], ['nhiệt tình', 1],
  ],
  service: [
    ['phục vụ', 2], ['phục vụ nhân dân', 3], ['một cửa', 2], ['bộ phận một cửa', 3], ['tiếp nhận hồ sơ', 2.5],
    ['trả kết quả', 2.5], ['dịch vụ công', 3], ['cổng dịch vụ công', 3], ['trực tuyến', 1.5],
    ['nộp hồ sơ', 2], ['thời gian chờ', 2], ['chờ đợi', 1.5], ['xếp hàng', 1.5], ['hướng dẫn', 1.5],
    ['giải quyết nhanh', 2], ['nhanh chóng', 1], ['làm nhanh', 1.5], ['nhanh', 0.5], ['=chậm', 1],
    ['lệ phí', 1.5], ['tiếp công dân', 2], ['tiếp dân', 1.5], ['giúp', 0.5], ['hỗ trợ', 1], ['tận tình', 1],
  ],
  other: [],
};

/** Weight of each keyword an admin adds to a topic. */
const CUSTOM_WEIGHT = 2;
/** 'other' is a last resort: its keywords (if an admin gives any) count half. */
const OTHER_FACTOR = 0.5;

// ---------------------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------------------

interface Words {
  norm: string[];
  fold: string[];
  /** The word carries no diacritics: it may stand for any accented word with the same letters. */
  plain: boolean[];
}

function words(text: string): Words {
  const { norm, fold } = wordsVi(text);
  return { norm, fold, plain: norm.map((w, i) => w === fold[i]) };
}

interface Phrase<C extends string> {
  display: string;
  words: Words;
  exact: boolean;
  weights: Map<C, number>;
}

/** Phrases by their first folded word, longest first. */
type Lexicon<C extends string> = Map<string, Phrase<C>[]>;

function buildLexicon<C extends string>(entries: Iterable<readonly [code: C, phrase: string, weight: number]>): Lexicon<C> {
  const byKey = new Map<string, Phrase<C>>();
  for (const [code, raw, weight] of entries) {
    const exact = raw.startsWith('=');
    const display = raw.slice(exact ? 1 : 0).trim();
    const w = words(display);
    if (w.norm.length === 0) continue;
    const key = `${exact ? '=' : ''}${w.norm.join(' ')}`;
    let p = byKey.get(key);
    if (!p) byKey.set(key, (p = { display, words: w, exact, weights: new Map() }));
    p.weights.set(code, (p.weights.get(code) ?? 0) + weight);
  }
  const lex: Lexicon<C> = new Map();
  for (const p of byKey.values()) {
    const first = p.words.fold[0]!;
    const list = lex.get(first) ?? [];
    list.push(p);
    lex.set(first, list);
  }
  for (const list of lex.values()) list.sort((a, b) => b.words.norm.length - a.words.norm.length);
  return lex;
}

function wordMatches(t: Words, i: number, p: Phrase<string>, j: number): boolean {
  if (t.fold[i] !== p.words.fold[j]) return false;
  if (t.norm[i] === p.words.norm[j]) return true;
  if (p.exact) return false;
  return t.plain[i]! || p.words.plain[j]!;
}

function phraseAt(t: Words, i: number, p: Phrase<string>): boolean {
  const n = p.words.norm.length;
  if (i + n > t.norm.length) return false;
  for (let j = 0; j < n; j++) if (!wordMatches(t, i + j, p, j)) return false;
  return true;
}

interface Tally {
  sum: number;
  reasons: Map<string, number>;
}

function scan<C extends string>(lex: Lexicon<C>, t: Words): Map<C, Tally> {
  const tallies = new Map<C, Tally>();
  let i = 0;
  while (i < t.norm.length) {
    const hit = lex.get(t.fold[i]!)?.find((p) => phraseAt(t, i, p));
    if (!hit) {
      i++;
      continue;
    }
    for (const [code, weight] of hit.weights) {
      let tally = tallies.get(code);
      if (!tally) tallies.set(code, (tally = { sum: 0, reasons: new Map() }));
      tally.sum += weight;
      tally.reasons.set(hit.display, (tally.reasons.get(hit.display) ?? 0) + weight);
    }
    i += hit.words.norm.length;
  }
  return tallies;
}

function scoreOf(sum: number): number {
  return Math.round((1 - Math.exp(-sum / 2.5)) * 1000) / 1000;
}

function ranked<C extends string>(tallies: Map<C, Tally>, order: readonly C[], factor: (c: C) => number = () => 1) {
  return order
    .filter((c) => (tallies.get(c)?.sum ?? 0) > 0)
    .map((c) => {
      const t = tallies.get(c)!;
      const reasons = [...t.reasons].sort((a, b) => b[1] - a[1]).map(([r]) => r);
      return { code: c, score: scoreOf(t.sum * factor(c)), reasons };
    })
    .sort((a, b) => b.score - a.score); // stable: ties keep the taxonomy's order
}

// ---------------------------------------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------------------------------------

const KIND_ORDER = Object.keys(KIND_PHRASES) as FeedbackKind[];
const KIND_LEXICON = buildLexicon(
  KIND_ORDER.flatMap((k) => KIND_PHRASES[k].map(([p, w]) => [k, p, w] as const)),
);

/** Kinds the text's wording points to, best first; [] when nothing points anywhere. */
export function suggestKind(text: string): KindSuggestion[] {
  return ranked(scan(KIND_LEXICON, words(text)), KIND_ORDER).map(({ code, score, reasons }) => ({
    kind: code,
    score,
    reasons,
  }));
}

const DEFAULT_TOPIC_LIST: readonly TopicKeywords[] = Object.keys(TOPIC_PHRASES).map((code) => ({ code }));
const DEFAULT_TOPIC_LEXICON = topicLexicon(DEFAULT_TOPIC_LIST);
/** Lexicons of the taxonomies in use, by content (a handful at most: one per admin setting). */
const LEXICONS = new Map<string, Lexicon<string>>();

function topicLexicon(topics: readonly TopicKeywords[]): Lexicon<string> {
  return buildLexicon(
    topics.flatMap(({ code, keywords }) => [
      ...(TOPIC_PHRASES[code] ?? []).map(([p, w]) => [code, p, w] as const),
      ...(keywords ?? []).map((p) => [code, p, CUSTOM_WEIGHT] as const),
    ]),
  );
}

/**
 * Topics the text is about, best first; [] when no keyword matches ('other' is never guessed). `topics` is the
 * taxonomy in use (default: the built-in codes); a default code keeps its built-in keywords and gains the
 * given ones, another code has only the given ones.
 */
export function suggestTopic(text: string, topics?: readonly TopicKeywords[]): TopicSuggestion[] {
  let lexicon = DEFAULT_TOPIC_LEXICON;
  const list = topics ?? DEFAULT_TOPIC_LIST;
  if (topics) {
    const key = JSON.stringify(topics.map(({ code, keywords }) => [code, keywords ?? []]));
    let cached = LEXICONS.get(key);
    if (!cached) {
      if (LEXICONS.size >= 16) LEXICONS.clear();
      LEXICONS.set(key, (cached = topicLexicon(topics)));
    }
    lexicon = cached;
  }
  const order = [...new Set(list.map((t) => t.code))];
  return ranked(scan(lexicon, words(text)), order, (c) => (c === 'other' ? OTHER_FACTOR : 1));
}

