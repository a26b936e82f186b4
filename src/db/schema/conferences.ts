// Table types: conferences, their delegates, opinions and photos; the work results reported at them.
// Conventions (timestamps, dates) in ../schema.ts, which gathers every table into DB.
import type { Generated } from 'kysely';

export type ConferenceState = 'planned' | 'held' | 'cancelled';
export type DelegateCategory = 'official' | 'mass_org' | 'village_head' | 'resident' | 'police' | 'guest';

export interface ConferencesTable {
  id: Generated<number>;
  unit_id: number;
  campaign_id: number | null;
  title: string;
  period: string;
  starts_at: string;
  ends_at: string;
  held_on: string;
  venue: string;
  venue_key: string;
  /** JSON string[] */
  co_organisers: string;
  /** JSON {time: string | null; title: string; presenter: string | null}[] */
  agenda: string;
  presiding_name: string | null;
  presiding_title: string | null;
  secretary_name: string | null;
  secretary_title: string | null;
  state: ConferenceState;
  public_code: string;
  checkin_open: number;
  extra_attendance: number;
  proceedings: string | null;
  conclusion: string | null;
  public_summary: string | null;
  published_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ConferenceDelegatesTable {
  id: Generated<number>;
  conference_id: number;
  full_name: string;
  title: string | null;
  organisation: string | null;
  village: string | null;
  phone: string | null;
  email: string | null;
  category: DelegateCategory;
  checkin_token: string;
  checked_in_at: string | null;
  checkin_method: 'staff' | 'self' | null;
  walk_in: number;
  created_at: string;
  anonymised_at: string | null;
}

export interface ConferenceOpinionsTable {
  id: Generated<number>;
  conference_id: number;
  item_id: number;
  seq: number;
  delegate_id: number | null;
  answer_mode: 'spot' | 'writing';
  spot_answer: string | null;
  answered_by: string | null;
  created_by: number | null;
  created_at: string;
}

export interface ConferencePhotosTable {
  id: Generated<number>;
  conference_id: number;
  mime: string;
  bytes: Buffer;
  width: number;
  height: number;
  sha256: string;
  caption: string | null;
  public: number;
  created_by: number | null;
  created_at: string;
}

/** An indicator of work results (chỉ tiêu); codes never change, so figures and reports keep their meaning. */
export interface WorkIndicatorsTable {
  id: Generated<number>;
  code: string;
  name_vi: string;
  name_en: string;
  /** What is counted: 'vụ', 'người', 'hồ sơ'... */
  measure: string;
  /** One of core/work-results/indicators.ts INDICATOR_GROUPS. */
  group: string;
  sort: number;
  active: number;
}

/** A unit's figure for one indicator and period ('2026', '2026-H1', '2026-Q3', '2026-11'). */
export interface WorkResultsTable {
  id: Generated<number>;
  unit_id: number;
  indicator_id: number;
  period: string;
  value: number;
  source: 'manual' | 'import';
  updated_by: number | null;
  updated_at: string;
}
