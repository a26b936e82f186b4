// What the conferences API answers with where the console reads the same shape: one definition for the server
// (commands/conferences) and the console (web/src/conferences). Types only.

/** The figures of one conference: delegates and attendance, opinions and their follow-up, photos, paper forms. */
export interface ConferenceCounts {
  delegates: number;
  checkedIn: number;
  opinions: number;
  answeredOnSpot: number;
  toAnswer: number;
  answered: number;
  overdue: number;
  photos: number;
  formsHandedOut: number;
  formsReturned: number;
}

/** One commune's line of the provincial overview for a year. */
export interface OverviewRow {
  unitId: number;
  unitName: string;
  planned: number;
  held: number;
  delegates: number;
  attended: number;
  opinions: number;
  answeredOnTime: number;
  overdue: number;
  formsCollected: number;
  lastHeldOn: string | null;
}
