// Every public change is announced to everyone who gave the item (and the items merged into it as duplicates)
// and consented to updates: by email when they left one, by the SMS/Zalo gateway webhook when they left a phone.
import { formatTrackingCode } from '../../core/feedback/tracking.ts';
import { recipientsOf } from '../../db/repos/feedback.ts';
import type { Engine } from '../../db/engine.ts';
import type { Tx } from '../../db/tx.ts';
import { enqueueNotifications, type NewNotification } from '../../notify/outbox.ts';

export interface NoticeRecipient {
  item_id: number;
  tracking_code: string;
  full_name: string | null;
  email: string | null;
  phone: string | null;
}

/** The notices for one public step: an email and/or an SMS/Zalo message to each recipient. */
export function citizenNotices(recipients: readonly NoticeRecipient[], trackingCode: string, message: string): NewNotification[] {
  const out: NewNotification[] = [];
  for (const r of recipients) {
    const code = formatTrackingCode(r.tracking_code);
    const subject = `Lắng Nghe — ý kiến ${code}`;
    const body = `${r.full_name ? `Kính gửi Ông/Bà ${r.full_name},\n\n` : ''}${message}\n\nMã theo dõi: ${code}` +
      (r.tracking_code !== trackingCode ? ` (ý kiến gộp với ${formatTrackingCode(trackingCode)})` : '');
    if (r.email) out.push({ itemId: r.item_id, adapter: 'email', recipient: r.email, subject, body });
    if (r.phone) out.push({ itemId: r.item_id, adapter: 'webhook', recipient: r.phone, subject, body });
  }
  return out;
}

/** Queues the notices of a public step on an item to everyone it concerns (its person and its duplicates'). */
export async function queueCitizenNotice(trx: Tx, engine: Engine, itemId: number, trackingCode: string, message: string): Promise<number> {
  const notices = citizenNotices(await recipientsOf(trx, itemId), trackingCode, message);
  await enqueueNotifications(trx, engine, notices);
  return notices.length;
}
