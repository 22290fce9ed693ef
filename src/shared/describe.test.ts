import { describe, expect, it } from 'vitest';
import { aaLiteSettings } from './attack-plan';
import { attackName, captionAttack, describeSettings } from './describe';

describe('describeSettings', () => {
  it('puts every setting behind a figure into its caption', () => {
    expect(describeSettings({ attack: 'PGD', epsilon: 0.05, steps: 20, restarts: 3, subset: 200 })).toBe(
      'PGD-20, 3 restarts, ε = 0.05, 200 test points',
    );
    expect(describeSettings({ attack: 'Square', epsilon: 8 / 255, steps: 0, restarts: 1, subset: 100, queries: 5000 })).toBe(
      'Square, 5000 queries, ε = 0.0314, 100 test points',
    );
    expect(describeSettings({ attack: 'Noise', epsilon: 0.1, steps: 0, restarts: 1, subset: 50, queries: 20 })).toBe(
      'Noise, 20 draws, ε = 0.1, 50 test points',
    );
  });

  it('says a transfer attack was crafted on another model', () => {
    expect(describeSettings({ attack: 'PGD', epsilon: 0.1, steps: 20, restarts: 3, subset: 100, transferFrom: 'the teacher at T = 50' })).toBe(
      'transfer: PGD-20, 3 restarts, ε = 0.1, 100 test points, crafted on the teacher at T = 50',
    );
  });

  it('names the loss, iterations and targets of the APGD attacks, and PGD’s loss when it is not CE', () => {
    expect(describeSettings({ attack: 'APGD', loss: 'ce', epsilon: 0.05, steps: 100, restarts: 1, subset: 500 })).toBe(
      'APGD-CE, 100 iterations, 1 restart, ε = 0.05, 500 test points',
    );
    expect(describeSettings({ attack: 'APGD', loss: 'margin', epsilon: 0.05, steps: 20, restarts: 2, subset: 500 })).toBe(
      'APGD-margin, 20 iterations, 2 restarts, ε = 0.05, 500 test points',
    );
    expect(describeSettings({ attack: 'APGD-T', loss: 'dlr-targeted', targets: 9, epsilon: 0.3, steps: 100, restarts: 1, subset: 1000 })).toBe(
      'APGD-T, 9 targets × 100 iterations, 1 restart, ε = 0.3, 1000 test points',
    );
    expect(describeSettings({ attack: 'PGD', loss: 'dlr', epsilon: 0.05, steps: 10, restarts: 1, subset: 500 })).toBe(
      'PGD-10 (DLR loss), 1 restart, ε = 0.05, 500 test points',
    );
  });

  it('captions AA-lite with its budget and every member in the order they run', () => {
    expect(describeSettings(aaLiteSettings('quick', 0.05, 500, 10))).toBe(
      'AA-lite (quick): APGD-CE 20 it. → APGD-T 3 targets × 20 it. → Square 1000 q., 1 restart, ε = 0.05, 500 test points',
    );
    expect(describeSettings(aaLiteSettings('standard', 0.3, 200, 10))).toBe(
      'AA-lite (standard): APGD-CE 100 it. → APGD-T 9 targets × 100 it. → Square 5000 q., 1 restart, ε = 0.3, 200 test points',
    );
    expect(describeSettings(aaLiteSettings('quick', 0.05, 16, 10, 40))).toBe(
      'AA-lite (quick): APGD-CE 20 it. → APGD-T 3 targets × 20 it. → Square 40 q., 1 restart, ε = 0.05, 16 test points',
    );
    // Three classes: no targeted DLR, the margin instead; never the word "AutoAttack".
    const three = describeSettings(aaLiteSettings('standard', 0.05, 500, 3));
    expect(three).toBe('AA-lite (standard): APGD-CE 100 it. → APGD-margin 100 it. → Square 5000 q., 1 restart, ε = 0.05, 500 test points');
    expect(three).not.toMatch(/AutoAttack/);
  });

  it('says when an attack started at x, and when AA-lite ran its white-box part only', () => {
    const white = aaLiteSettings('quick', 1, 100, 10);
    white.part = 'white-box';
    white.start = 'input';
    white.members = white.members!.filter((m) => m.attack !== 'Square');
    expect(describeSettings(white)).toBe(
      'AA-lite white-box part (quick): APGD-CE 20 it. → APGD-T 3 targets × 20 it., 1 restart, from x (no random start), ε = 1, 100 test points',
    );
    expect(describeSettings({ attack: 'PGD', epsilon: 1, steps: 20, restarts: 1, subset: 50, start: 'input' })).toBe(
      'PGD-20, 1 restart, from x (no random start), ε = 1, 50 test points',
    );
  });

  it('gives the short names legends and table columns use', () => {
    expect(attackName({ attack: 'PGD' })).toBe('PGD');
    expect(attackName({ attack: 'PGD', loss: 'ce' })).toBe('PGD');
    expect(attackName({ attack: 'APGD', loss: 'ce' })).toBe('APGD-CE');
    expect(attackName({ attack: 'APGD', loss: 'dlr' })).toBe('APGD-DLR');
    expect(attackName({ attack: 'AA-lite' })).toBe('AA-lite');
  });

  it('leaves ε out where ε is the axis', () => {
    expect(describeSettings({ attack: 'PGD', epsilon: 0.05, steps: 20, restarts: 3, subset: 200 }, { withEpsilon: false })).toBe(
      'PGD-20, 3 restarts, 200 test points',
    );
  });
});

describe('captionAttack', () => {
  const pgd = { attack: 'PGD' as const, steps: 20, epsilon: 0.3, restarts: 3, subset: 64 };
  it('gives the full caption, a legend entry and a list row from the same settings', () => {
    expect(captionAttack(pgd)).toBe(describeSettings(pgd));
    expect(captionAttack(pgd, 'legend')).toBe('PGD-20 on 64');
    expect(captionAttack(pgd, 'compact')).toBe('PGD-20 ε=0.3, 3 restarts on 64');
    expect(captionAttack({ ...pgd, attack: 'APGD', loss: 'ce', restarts: 1 }, 'compact')).toBe('APGD-CE 20 it. ε=0.3 on 64');
  });

  it('counts queries, not iterations, in a black-box attack’s list row', () => {
    const square = { attack: 'Square' as const, steps: 0, epsilon: 0.05, restarts: 1, subset: 16, queries: 10 };
    expect(captionAttack(square, 'compact')).toBe('Square 10 q. ε=0.05 on 16');
    expect(captionAttack({ ...square, attack: 'Noise', queries: 20 }, 'compact')).toBe('Noise 20 draws ε=0.05 on 16');
    expect(captionAttack({ ...square, attack: 'FGSM', steps: 1 }, 'compact')).toBe('FGSM ε=0.05 on 16');
    expect(captionAttack({ ...square, attack: 'APGD-T', loss: 'dlr-targeted', steps: 20, targets: 3 }, 'compact')).toBe('APGD-T 3 targets × 20 it. ε=0.05 on 16');
    expect(captionAttack({ ...square, attack: 'AA-lite', budget: 'quick', part: 'white-box', members: [] }, 'compact')).toBe('AA-lite white-box part (quick) ε=0.05 on 16');
  });
});
