import type { DetectorReport, RobustFigure } from '../../hosts/worker/api';
import { describeSettings } from '../../shared/describe';
import { formatDecimal, formatPercent } from '../../shared/format';

interface Bar {
  name: string;
  figure: RobustFigure;
  className: string;
}

/**
 * Attack success side by side, the white-box side and Square first (the card's headline
 * comparison): if the black-box bar is clearly longer than the white-box one, the gradients are
 * lying. PGD is kept beside a stronger white-box side, to show what it alone would have claimed.
 */
export function AttackBars({ report }: { report: DetectorReport }) {
  const { whiteBox, pgd } = report.attacks;
  const bars: Bar[] = [
    { name: 'White-box', figure: whiteBox, className: 'attack-bar-pgd' },
    { name: 'Square', figure: report.attacks.square, className: 'attack-bar-square' },
    ...(pgd !== whiteBox ? [{ name: 'PGD', figure: pgd, className: 'attack-bar-other' }] : []),
    { name: 'FGSM', figure: report.attacks.fgsm, className: 'attack-bar-other' },
    { name: 'Noise', figure: report.attacks.noise, className: 'attack-bar-other' },
  ];
  return (
    <figure role="figure" aria-label="White-box vs Square success">
      <figcaption className="detector-note">
        Attack success: share of the {whiteBox.cleanCorrect} clean-correct points each attack breaks. White-box side:{' '}
        {report.whiteBoxName}.
      </figcaption>
      <div className="attack-bars">
        {bars.map(({ name, figure, className }) => (
          <div key={name} style={{ display: 'contents' }}>
            <span>{name} success</span>
            <div
              className="attack-bar-track"
              role="meter"
              aria-label={`${name} success`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(figure.successRate * 10) / 10}
            >
              <div className={`attack-bar-fill ${className}`} style={{ width: `${figure.successRate}%` }} />
            </div>
            <span>{formatPercent(figure.successRate)}</span>
            <span className="attack-bar-caption">
              {describeSettings(figure.settings)} · robust accuracy {formatPercent(figure.robustAccuracy)}
              {figure.meanQueries !== undefined ? ` · ${formatDecimal(figure.meanQueries, 0)} queries per point on average` : ''}
            </span>
          </div>
        ))}
      </div>
    </figure>
  );
}
