import { PAPER_TABLE_4, PAPER_TABLE_4_CAPTION } from '../../shared/paper-table4';
import { formatPercent } from '../../shared/format';

/**
 * The paper's own temperature ablation beside the sweep, labelled as the paper's: CIFAR-10 and a
 * WRN-34-10, so its numbers are a shape to compare with (AutoAttack level up to τ = 10, then a
 * collapse to 0 at τ ≥ 15 while natural accuracy rises: masking), not figures to match.
 */
export function PaperTable4() {
  return (
    <figure className="paper-table" aria-label="Paper’s Table 4">
      <figcaption className="caption">{PAPER_TABLE_4_CAPTION}</figcaption>
      <table aria-label="Paper’s Table 4 data">
        <thead>
          <tr>
            <th scope="col">τ</th>
            <th scope="col">Natural (%)</th>
            <th scope="col">AutoAttack (%)</th>
          </tr>
        </thead>
        <tbody>
          {PAPER_TABLE_4.map((row) => (
            <tr key={row.tau ?? 'trades'}>
              <td>{row.tau ?? 'TRADES'}</td>
              <td>{formatPercent(row.natAcc, { sign: false, decimals: 2 })}</td>
              <td>{formatPercent(row.aaAcc, { sign: false, decimals: 2 })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
