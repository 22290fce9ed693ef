/** The adversarial gallery's slice (slices/gallery.ts) as its panel reads it. */
import { sliceHook } from '../slice-hook';

export const useGallery = sliceHook('gallery');
export type { GallerySlice } from './slice';
