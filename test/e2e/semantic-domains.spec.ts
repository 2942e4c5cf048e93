// cu-α in the agreement dashboard: each code with sub-codes shows agreement on which of its codes
// applies (a semantic domain), the overall row Cu-α across the top-level domains, and a null its
// reason. Codings made through the API; every figure worked out by hand.
import { expect, test } from '@playwright/test';
import { apiCall, createProject, tempProjectPath } from './helpers';

test('cu-α beside the per-code α, with reasons for nulls', async ({ page }) => {
  await createProject(page, tempProjectPath(), 'Alice');
  const { document } = await apiCall<{ document: { id: number } }>(page, 'documents:import', {
    fileName: 'ID1 interview.txt',
    dataBase64: Buffer.from('x'.repeat(100)).toString('base64'),
  });
  const create = async (parentId: number | null, label: string, name: string) => (await apiCall<{ id: number }>(page, 'codebook:create', { parentId, label, name })).id;
  const features = await create(null, '10', 'Features');
  const adaptation = await create(features, '10a', 'Adaptation');
  const cost = await create(features, '10b', 'Cost');
  const outer = await create(null, '20', 'Outer setting');
  const policy = await create(outer, '20a', 'Policy');
  await create(outer, '20b', 'Funding');
  const apply = async (coder: string, codeId: number, start: number, end: number) => {
    await apiCall(page, 'coders:select', { name: coder });
    await apiCall(page, 'codings:apply', { documentId: document.id, codeIds: [codeId], start, end });
  };
  await apply('Alice', adaptation, 0, 10);
  await apply('Alice', cost, 10, 16);
  await apply('Bob', adaptation, 0, 8);
  await apply('Bob', cost, 8, 14);
  await apply('Alice', policy, 50, 60);
  await apply('Bob', policy, 50, 60);
  await apply('Alice', adaptation, 70, 75);
  await apply('Bob', policy, 70, 75);
  await apiCall(page, 'coders:select', { name: 'Alice' });
  await page.reload();

  await page.getByTestId('view-agreement').click();
  const row = (name: string) => page.getByTestId('agreement-row').filter({ hasText: name });
  // 10: [0,8) a/a, [8,10) a/b, [10,14) b/b → ℓ_aa 16, ℓ_ab = ℓ_ba 2, ℓ_bb 8; λ 10, 4, 8, 6:
  //   cu-α = 1 − 4·(784 − 216)/(28·(784 − 424)) = 7808/10080 = 0.775.
  await expect(row('Features').getByTestId('cell-cuAlpha')).toHaveText('0.775');
  await expect(row('Features').getByTestId('cell-cuAlpha')).toHaveClass(/band-acceptable/);
  // 20: only Policy where both coded: undefined, and the tooltip says why.
  await expect(row('Outer setting').getByTestId('cell-cuAlpha')).toHaveText('—');
  await expect(row('Outer setting').getByTestId('cell-cuAlpha')).toHaveAttribute('title', /only one category occurs/);
  await expect(row('Adaptation').getByTestId('cell-cuAlpha')).toHaveText('');
  // Cu-α (10 vs 20): ℓ_10,10 28, ℓ_20,20 20, ℓ_10,20 = ℓ_20,10 5 (70–75); π = 216 + 200 + 50:
  //   1 − 10·(3364 − 466)/(58·(3364 − 1714)) = 0.697.
  await expect(page.getByTestId('cell-globalCuAlpha')).toHaveText('0.697');
  await expect(page.getByTestId('domain-sentence')).toContainText('cu-α');
  await page.screenshot({ path: 'test-results/agreement-cu-alpha.png', fullPage: true });
});
