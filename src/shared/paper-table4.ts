/**
 * The paper's temperature ablation (Chen & Lee, arXiv 2111.02331, Table 4: TRADES + LTD on
 * CIFAR-10, WRN-34-10, ε = 8/255, natural and AutoAttack accuracy in percent), shown beside the
 * playground's own τ sweep, labelled as the paper's: another data set, model and budget.
 */
export interface PaperRow {
  /** The teacher's temperature; null for the TRADES row (one-hot labels, no teacher). */
  tau: number | null;
  natAcc: number;
  aaAcc: number;
}

export const PAPER_TABLE_4: readonly PaperRow[] = [
  { tau: null, natAcc: 84.92, aaAcc: 53.08 },
  { tau: 1, natAcc: 84.51, aaAcc: 54.38 },
  { tau: 2, natAcc: 84.96, aaAcc: 54.9 },
  { tau: 3, natAcc: 85.48, aaAcc: 55.03 },
  { tau: 5, natAcc: 86.2, aaAcc: 55.09 },
  { tau: 8, natAcc: 85.23, aaAcc: 54.63 },
  { tau: 10, natAcc: 84.72, aaAcc: 53.56 },
  { tau: 12, natAcc: 77.45, aaAcc: 43.85 },
  { tau: 15, natAcc: 94.72, aaAcc: 0 },
  { tau: 20, natAcc: 94.39, aaAcc: 0 },
];

export const PAPER_TABLE_4_CAPTION =
  'The paper’s Table 4 (Chen & Lee 2021): TRADES + LTD on CIFAR-10, WRN-34-10, ε = 8/255, AutoAttack; not this page’s data or model.';
