import { useMemo } from 'react';
import { selectEngineBusy, useStore } from '../store';
import type { AdversarialGallery as Gallery, GalleryAttack, GalleryTarget, ModelRole } from '../../hosts/worker/api';
import { ExampleCard } from './ExampleCard';
import { PointArrows } from './PointArrows';
import { perturbationGain, perturbationToByte } from './pixels';
import './gallery.css';
import { formatEpsilon, formatFixed } from '../../shared/format';
import { epsilonText } from '../epsilon';

const ROLE_LABEL: Record<ModelRole, string> = {
  student: 'Student (last run)',
  teacher: 'Teacher (last run)',
  imported: 'Imported model',
  demo: 'Demo model (detector corpus)',
};

const ATTACK_LABEL: Record<GalleryAttack, string> = { pgd: 'PGD (white-box)', square: 'Square (black-box)' };

/** What the Target select offers: untargeted, each class by name, the least likely class. */
const targetValue = (target: GalleryTarget) => String(target);
const targetOf = (value: string): GalleryTarget => (value === 'untargeted' || value === 'least-likely' ? value : Number(value));

/** "targeted → 7" or "targeted → least likely class": how the caption names a targeted attack. */
export function targetText(target: GalleryTarget, classNames: string[]): string | null {
  if (target === 'untargeted') return null;
  return `targeted → ${target === 'least-likely' ? 'least likely class' : (classNames[target] ?? String(target))}`;
}

/** "PGD-10, 1 restart, ε = 0.3 (≈ 77/255), first 8 test points, Student (last run)": what made the examples. */
export function settingsText(gallery: Gallery, role: ModelRole): string {
  const targeted = targetText(gallery.target ?? 'untargeted', gallery.classNames);
  const attack =
    gallery.attack === 'pgd'
      ? `${targeted ? 'Targeted ' : ''}PGD-${gallery.steps}, 1 restart${targeted ? ` (${targeted}, on the target’s cross-entropy)` : ''}`
      : `Square, at most ${gallery.queryBudget} queries per example`;
  const epsilon = formatEpsilon(gallery.epsilon, { image: gallery.inputShape.length === 3, norm: gallery.norm });
  return `${attack}, ${gallery.norm === 'l2' ? 'ε₂' : 'ε'} = ${epsilon}, first ${gallery.examples.length} test points, ${ROLE_LABEL[role]}`;
}

/** Attacks a few test points and shows each clean input beside its adversarial twin. */
export function AdversarialGallery() {
  const epsilon = useStore((s) => s.settings.config.epsilon);
  const dataset = useStore((s) => s.settings.config.dataset);
  const norm = useStore((s) => s.settings.config.norm);
  const evalPgdSteps = useStore((s) => s.settings.config.evalPgdSteps);
  const engineBusy = useStore(selectEngineBusy);
  const role = useStore.use.gallery.role();
  const attack = useStore.use.gallery.attack();
  const target = useStore.use.gallery.target();
  const classNames = useStore((s) => s.run.preview?.classNames ?? null);
  const count = useStore.use.gallery.count();
  const status = useStore.use.gallery.status();
  const gallery = useStore.use.gallery.gallery();
  const galleryRole = useStore.use.gallery.galleryRole();
  const { set, show } = useStore.getState().gallery;
  const training = engineBusy === 'training';
  const gain = useMemo(() => (gallery ? perturbationGain(gallery.examples.map((e) => e.perturbation)) : 1), [gallery]);
  const perturbationByte = useMemo(() => perturbationToByte(gain), [gain]);
  const broken = gallery?.examples.filter((e) => e.outcome === 'broken').length ?? 0;
  const reached = gallery?.examples.filter((e) => e.reachedTarget).length ?? 0;
  const targeted = gallery !== null && (gallery.target ?? 'untargeted') !== 'untargeted';
  return (
    <section className="panel" role="region" aria-label="Adversarial examples">
      <h2>Adversarial examples</h2>
      <p className="caption">
        The first {count} test points attacked at ε = {epsilonText(epsilon, dataset, norm)}: PGD with the evaluation steps ({evalPgdSteps}),
        or Square with a small query budget. Red: the attack changed a correct answer; green: the answer held.
      </p>
      <div className="gallery-controls">
        <label>
          Model to attack
          <select value={role} onChange={(e) => set({ role: e.target.value as ModelRole })}>
            {Object.entries(ROLE_LABEL).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
        <label>
          Attack
          <select value={attack} onChange={(e) => set({ attack: e.target.value as GalleryAttack })}>
            {Object.entries(ATTACK_LABEL).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
        <label>
          Target
          <select value={attack === 'pgd' ? targetValue(target) : 'untargeted'} disabled={attack !== 'pgd'} onChange={(e) => set({ target: targetOf(e.target.value) })}>
            <option value="untargeted">untargeted</option>
            {(classNames ?? []).map((name, c) => <option key={c} value={String(c)}>{name}</option>)}
            <option value="least-likely">least likely</option>
          </select>
        </label>
        <button type="button" disabled={status === 'running' || engineBusy !== null} onClick={() => void show(useStore.getState().settings.config)}>
          Show adversarial examples
        </button>
      </div>
      {attack !== 'pgd' && <p className="caption">Square runs untargeted; choose PGD to aim at a class.</p>}
      {training && <p className="caption">Wait for the run to finish (or stop it) to attack its model.</p>}
      {status === 'running' && <p className="progress-text" role="status" aria-label="Gallery status">Attacking…</p>}
      {gallery && galleryRole && (
        <figure aria-label="Adversarial example gallery">
          <figcaption className="caption">
            {settingsText(gallery, galleryRole)}: {broken} of {gallery.examples.length} broken
            {targeted ? `, target reached on ${reached} of ${gallery.examples.length}.` : '.'}
            {gallery.inputShape.length === 3 &&
              ` Each: clean | perturbation (adversarial − clean, amplified ×${formatFixed(gain, 1)}; grey = no change) | adversarial; predicted clean → adversarial (its confidence).`}
          </figcaption>
          {gallery.inputShape.length === 3 ? (
            <ul className="examples" aria-label="Adversarial example list">
              {gallery.examples.map((e) => (
                <ExampleCard key={e.index} example={e} shape={gallery.inputShape} classNames={gallery.classNames} perturbationByte={perturbationByte} />
              ))}
            </ul>
          ) : (
            <PointArrows gallery={gallery} />
          )}
        </figure>
      )}
    </section>
  );
}
