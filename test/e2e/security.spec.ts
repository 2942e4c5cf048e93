// Browser mode guards its API with a per-launch secret: calls without it (or with a wrong one) are
// refused with 403, while the page itself (which got the secret in index.html) is served.
import { expect, test } from '@playwright/test';

test('an API call without the secret is refused', async ({ page, request }) => {
  const noHeader = await request.post('/api/project:info', { data: {} });
  expect(noHeader.status()).toBe(403);

  const wrong = await request.post('/api/project:info', { data: {}, headers: { 'X-Accord-Token': 'not-the-secret' } });
  expect(wrong.status()).toBe(403);

  await page.goto('/');
  const token = await page.locator('meta[name="accord-token"]').getAttribute('content');
  expect(token && token.length).toBeGreaterThanOrEqual(16);
  const right = await request.post('/api/project:info', { data: {}, headers: { 'X-Accord-Token': token! } });
  expect(right.status()).toBe(200);
  expect((await right.json()).ok).toBe(true);
});
