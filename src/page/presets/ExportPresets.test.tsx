// @vitest-environment happy-dom
/**
 * The export-only presets in happy-dom: each says it is for a GPU cluster and shows its commands,
 * offers no Train button, and never calls the engine.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../hosts/worker/client', () => ({
  engine: () => {
    throw new Error('an export preset must not call the engine');
  },
  callback: <T,>(f: T) => f,
}));

const { Presets } = await import('./Presets');
const { render, byRole } = await import('../testing/render');
const { EXPORT_PRESETS, exportPresetCommands } = await import('../../shared/export-presets');

describe('the export presets', () => {
  it('show the paper preset inside the Presets region with its commands and no button of its own', async () => {
    const page = await render(<Presets />);
    const [region] = byRole(page.container, 'region', 'Presets');
    const [group] = byRole(region as HTMLElement, 'group', 'Export presets');
    expect(group).toBeDefined();
    for (const preset of EXPORT_PRESETS) {
      const article = group.querySelector(`[aria-labelledby="export-preset-${preset.id}"]`) as HTMLElement;
      expect(article.querySelector('h3')?.textContent).toBe(preset.name);
      expect(article.textContent).toContain('For a GPU cluster, not this browser');
      expect(article.textContent).toContain('No Train button');
      const [commands] = byRole(article, 'figure', `Commands for ${preset.name}`);
      expect(commands.querySelector('pre')?.textContent).toBe(exportPresetCommands(preset).join('\n'));
      expect(article.querySelectorAll('button')).toHaveLength(0);
    }
    expect(byRole(page.container, 'button', 'Paper scale: CIFAR-10, WRN-34-10 (export only)')).toHaveLength(0);
    expect(group.textContent).toContain('npx ltd-playground export-torch --preset paper-cifar10');
    await page.unmount();
  });
});
