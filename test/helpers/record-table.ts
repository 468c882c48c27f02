// The Messages tab's record table, for Playwright specs: a row opens (its offset button) to
// the record's key, value and headers, which the specs then read inside the row.
import { expect, type Locator } from '@playwright/test';

/** The row of partition-offset, opened; its detail holds message-key, message-value and message-headers. */
export async function openRecord(scope: Locator, partition: number, offset: number): Promise<Locator> {
  const row = scope.getByTestId(`message-${partition}-${offset}`);
  const button = row.getByRole('button', { name: new RegExp(`^Partition ${partition} offset ${offset}: `) });
  await expect(button).toBeVisible();
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(row.getByTestId('record-detail')).toBeVisible();
  return row;
}
