// Every public change is announced to everyone who gave the item (and the items merged into it as duplicates)
// and consented to updates: by email when they left one, by the SMS/Zalo gateway webhook when they left a phone.
import { formatTrackingCode } from '../../core/feedback/tracking.ts';
import { recipientsOf } from '../../db/repos/feedback.ts';
import type { Tx } from '../../db/tx.ts';
import { enqueueNotification } from '../../notify/outbox.ts';

export async function queueCitizenNotice(trx: Tx, itemId: number, trackingCode: string, message: string): Promise<number> {
  let queued = 0;
  for (const r of await recipientsOf(trx, itemId)) {
    const code = formatTrackingCode(r.tracking_code);
    const subject = `Lắng Nghe — ý kiến ${code}`;
    const body = `${r.full_name ? `Kính gửi Ông/Bà ${r.full_name},\n\n` : ''}${message}\n\nMã theo dõi: ${code}` +
      (r.tracking_code !== trackingCode ? ` (ý kiến gộp với ${formatTrackingCode(trackingCode)})` : '');
    if (r.email) {
      await enqueueNotification(trx, { itemId: r.item_id, adapter: 'email', recipient: r.email, subject, body });
      queued++;
    }
    if (r.phone) {
      await enqueueNotification(trx, { itemId: r.item_id, adapter: 'webhook', recipient: r.phone, subject, body });
      queued++;
    }
  }
  return queued;
}
