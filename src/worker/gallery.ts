/**
 * The worker's side of the adversarial gallery: pick the model by role (the detector's
 * resolver), load its data set, run the engine, return plain arrays. Glue only; the science
 * is in src/engine/eval/gallery.ts.
 */
import { loadDataset } from '../engine/data';
import { type AdversarialGallery, adversarialGallery } from '../engine/eval/gallery';
import { asClassifier } from '../engine/models';
import type { GalleryRequest } from './api';
import { MISSING, type ModelResolver } from './detector';

export async function galleryFor(resolve: ModelResolver, request: GalleryRequest): Promise<AdversarialGallery> {
  const entry = resolve(request.role, request.config);
  if (!entry) throw new Error(`Adversarial examples: ${MISSING[request.role]}`);
  const dataset = entry.dataset ?? (await loadDataset(entry.config));
  const { attack, count, epsilon, steps, queries, seed } = request;
  return adversarialGallery(asClassifier(entry.model), dataset, { attack, count, epsilon, steps, queries, seed });
}
