// The register's item page in the console: one step = its button, its small form, its confirmation, its notice.
import type { Page } from 'playwright-core';

export async function feedbackStep(page: Page, name: string, fill?: () => Promise<void>) {
  await page.locator('.fb-action-buttons').getByRole('button', { name, exact: true }).click();
  await fill?.();
  await page.getByRole('button', { name: `Xác nhận: ${name}` }).click();
  await page.getByRole('status').filter({ hasText: `Đã thực hiện: ${name}.` }).waitFor();
}
