// What the feedback APIs answer with where the console reads the same shape: one definition for the server
// (commands/feedback) and the console (web/src/feedback-admin). Types only.

/** Everything held about the person behind an item: their details, consents and the items they gave. */
export interface HeldData {
  fullName: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  roleTitle: string | null;
  organisation: string | null;
  createdAt: string;
  anonymisedAt: string | null;
  consents: { purpose: string; textVersion: string; givenAt: string; withdrawnAt: string | null }[];
  items: { trackingCode: string; unitId: number; register: { year: number; no: number }; receivedOn: string; summary: string }[];
}
