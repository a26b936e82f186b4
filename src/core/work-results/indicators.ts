// The default work-result indicators (chỉ tiêu kết quả công tác) and the checks between them. The migration inserts
// the defaults; tests, the seed and the console read these definitions so the three never disagree.

/** Groups an indicator can belong to (labels: i18n `work_results.group.<code>`), in report order. */
export const INDICATOR_GROUPS = ['crime', 'drugs', 'traffic', 'fire', 'admin_violations', 'services', 'weapons'] as const;
export type IndicatorGroup = (typeof INDICATOR_GROUPS)[number];

export interface IndicatorDef {
  code: string;
  vi: string;
  en: string;
  /** The unit counted, as written in Vietnamese reports: 'vụ', 'người', 'hồ sơ'... */
  measure: string;
  group: IndicatorGroup;
}

export const DEFAULT_INDICATORS: readonly IndicatorDef[] = [
  { code: 'crime_detected', vi: 'Số vụ phạm pháp hình sự phát hiện', en: 'Criminal cases detected', measure: 'vụ', group: 'crime' },
  { code: 'crime_solved', vi: 'Số vụ phạm pháp hình sự điều tra làm rõ', en: 'Criminal cases solved', measure: 'vụ', group: 'crime' },
  { code: 'serious_detected', vi: 'Số vụ rất nghiêm trọng, đặc biệt nghiêm trọng xảy ra', en: 'Very serious cases detected', measure: 'vụ', group: 'crime' },
  { code: 'serious_solved', vi: 'Số vụ rất nghiêm trọng, đặc biệt nghiêm trọng làm rõ', en: 'Very serious cases solved', measure: 'vụ', group: 'crime' },
  { code: 'offenders_arrested', vi: 'Số đối tượng phạm tội bị bắt giữ, xử lý', en: 'Offenders arrested', measure: 'đối tượng', group: 'crime' },
  { code: 'wanted_arrested', vi: 'Số đối tượng truy nã bị bắt, vận động đầu thú', en: 'Wanted persons arrested or surrendered', measure: 'đối tượng', group: 'crime' },
  { code: 'drug_cases', vi: 'Số vụ phạm tội về ma túy phát hiện', en: 'Drug cases detected', measure: 'vụ', group: 'drugs' },
  { code: 'drug_offenders', vi: 'Số đối tượng phạm tội về ma túy', en: 'Drug offenders', measure: 'đối tượng', group: 'drugs' },
  { code: 'traffic_accidents', vi: 'Số vụ tai nạn giao thông', en: 'Traffic accidents', measure: 'vụ', group: 'traffic' },
  { code: 'traffic_deaths', vi: 'Số người chết do tai nạn giao thông', en: 'Traffic deaths', measure: 'người', group: 'traffic' },
  { code: 'traffic_injuries', vi: 'Số người bị thương do tai nạn giao thông', en: 'Traffic injuries', measure: 'người', group: 'traffic' },
  { code: 'fire_incidents', vi: 'Số vụ cháy', en: 'Fire incidents', measure: 'vụ', group: 'fire' },
  { code: 'explosion_incidents', vi: 'Số vụ nổ', en: 'Explosion incidents', measure: 'vụ', group: 'fire' },
  { code: 'admin_violations', vi: 'Số trường hợp vi phạm hành chính bị xử phạt', en: 'Administrative violations fined', measure: 'trường hợp', group: 'admin_violations' },
  { code: 'admin_fines', vi: 'Số tiền xử phạt vi phạm hành chính', en: 'Administrative fines imposed', measure: 'triệu đồng', group: 'admin_violations' },
  { code: 'dossiers_received', vi: 'Số hồ sơ thủ tục hành chính tiếp nhận', en: 'Administrative dossiers received', measure: 'hồ sơ', group: 'services' },
  { code: 'dossiers_on_time', vi: 'Số hồ sơ thủ tục hành chính giải quyết đúng hạn', en: 'Administrative dossiers processed on time', measure: 'hồ sơ', group: 'services' },
  { code: 'id_cards', vi: 'Số hồ sơ cấp thẻ căn cước', en: 'ID card applications', measure: 'hồ sơ', group: 'services' },
  { code: 'residence_registrations', vi: 'Số lượt đăng ký cư trú', en: 'Residence registrations', measure: 'lượt', group: 'services' },
  { code: 'weapons_collected', vi: 'Số vũ khí, vật liệu nổ, công cụ hỗ trợ thu hồi', en: 'Weapons, explosives and support tools collected', measure: 'khẩu/chiếc', group: 'weapons' },
];

/** Pairs where the first cannot exceed the second in one period (a case solved is a case detected). */
export const NOT_MORE_THAN: readonly (readonly [string, string])[] = [
  ['crime_solved', 'crime_detected'],
  ['serious_detected', 'crime_detected'],
  ['serious_solved', 'serious_detected'],
  ['serious_solved', 'crime_solved'],
  ['dossiers_on_time', 'dossiers_received'],
];

export interface ConsistencyWarning {
  code: string;
  exceeds: string;
}

/**
 * Pairs of the NOT_MORE_THAN rules the values break. Warnings, not errors: a unit may solve in one period cases
 * detected in the one before, and the figure it reports is the one that counts.
 */
export function consistencyWarnings(values: ReadonlyMap<string, number | null>): ConsistencyWarning[] {
  const out: ConsistencyWarning[] = [];
  for (const [small, big] of NOT_MORE_THAN) {
    const a = values.get(small);
    const b = values.get(big);
    if (a != null && b != null && a > b) out.push({ code: small, exceeds: big });
  }
  return out;
}

/** An indicator code: lower case, digits and underscores, 2 to 40 characters. */
export const INDICATOR_CODE = /^[a-z][a-z0-9_]{1,39}$/;
export const NAME_MAX = 200;
export const MEASURE_MAX = 40;
/** The largest value accepted: fines in millions of đồng and yearly counts of a province stay far below. */
export const VALUE_MAX = 1e12;
