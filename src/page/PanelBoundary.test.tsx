// @vitest-environment happy-dom
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Alerts } from './Alerts';
import { PanelBoundary } from './PanelBoundary';
import { byRole, render } from './testing/render';
import { setSlice } from './testing/store';

let broken = true;
function Detector() {
  if (broken) throw new Error('report.checks is undefined');
  return <p>Verdict: clean</p>;
}

/** A panel that keeps working: a counter the test clicks after its neighbour failed. */
function Counter() {
  const [n, setN] = useState(0);
  return (
    <button type="button" onClick={() => setN(n + 1)}>
      Clicked {n}
    </button>
  );
}

function Page() {
  return (
    <>
      <Alerts />
      <PanelBoundary name="Gradient masking detector"><Detector /></PanelBoundary>
      <PanelBoundary name="Saved runs"><Counter /></PanelBoundary>
    </>
  );
}

describe('PanelBoundary', () => {
  afterEach(() => {
    broken = true;
    setSlice('alerts', { list: [] });
    vi.restoreAllMocks();
  });

  it('replaces only the panel that throws, says what failed with the error text, and raises an alert', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // React logs the caught error too
    const page = await render(<Page />);
    const failed = byRole(page.container, 'region', 'Gradient masking detector (failed)');
    expect(failed).toHaveLength(1);
    expect(failed[0].textContent).toContain('Gradient masking detector failed');
    expect(failed[0].textContent).toContain('report.checks is undefined');
    expect(byRole(failed[0], 'button', 'Reload this panel')).toHaveLength(1);

    const alerts = byRole(page.container, 'alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0].textContent).toContain('Gradient masking detector failed');
    expect(alerts[0].textContent).toContain('report.checks is undefined');

    // The neighbour still renders and still responds.
    const counter = byRole(page.container, 'button', /^Clicked/)[0];
    await page.update(() => counter.click());
    expect(counter.textContent).toBe('Clicked 1');
    await page.unmount();
  });

  it('mounts the panel afresh on "Reload this panel", and shows it once it no longer throws', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const page = await render(<Page />);
    broken = false;
    await page.update(() => byRole(page.container, 'button', 'Reload this panel')[0].click());
    expect(byRole(page.container, 'region', /failed/)).toHaveLength(0);
    expect(page.container.textContent).toContain('Verdict: clean');
    await page.unmount();
  });
});
