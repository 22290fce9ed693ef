/** Line colours of the detector's curves, one per line in order (distinct under common colour blindness first). */
export const CURVE_COLORS = ['#1d3557', '#e76f51', '#2a9d8f', '#8e44ad', '#e9c46a', '#457b9d', '#6c757d', '#d62828', '#264653', '#f4a261', '#588157', '#bc6c25'];

export const curveColor = (index: number) => CURVE_COLORS[index % CURVE_COLORS.length];
