import { expect, test } from './fixtures';
import { LEARNED, LEARNS, backendText, waitForRows } from './helpers';

// The page's own choice, as a visitor gets it (no backend in the URL): on these machines WebGPU's
// adapter is SwiftShader, a CPU behind the GPU API, and the page takes wasm and says why.
test.use({ urlBackend: null });

test('prefers wasm to the software WebGPU adapter, says why, serves the .wasm from its own origin, and trains there', async ({ page }) => {
  const wasmFiles: string[] = [];
  page.on('request', (request) => {
    if (/\.wasm(\?|$)/.test(request.url())) wasmFiles.push(request.url());
  });
  await page.goto(`/?${LEARNS}&epochs=1`);
  const text = await backendText(page);
  expect(text).toMatch(/^wasm — faster here than the software WebGPU adapter \(.*swiftshader.*\)/i);
  expect(text).toMatch(/SIMD, 1 thread/);
  // Cross-origin isolated (COOP/COEP from `vite preview`), and nothing it loads is refused for it.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(wasmFiles.length).toBeGreaterThan(0);
  for (const url of wasmFiles) expect(new URL(url).origin).toBe(new URL(page.url()).origin);

  await page.getByRole('button', { name: 'Train' }).click();
  const [[, natural]] = await waitForRows(page, 1);
  expect(natural).toBeGreaterThan(LEARNED);
  await expect(page.getByText('Finished', { exact: true })).toBeVisible({ timeout: 120_000 });
});

test('takes the software adapter when asked for it by name (?backend=webgpu)', async ({ page }) => {
  await page.goto('/?backend=webgpu');
  expect(await backendText(page)).toMatch(/^webgpu — adapter: .*swiftshader/i);
});
