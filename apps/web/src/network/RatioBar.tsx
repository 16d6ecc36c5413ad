import { percent } from './format';

/** A share (0..1) drawn as a short filled bar; the tone says what is being measured. */
export default function RatioBar({
  ratio,
  tone,
  title,
  testId,
}: {
  ratio: number;
  tone: string;
  title: string;
  testId?: string;
}) {
  const share = Math.min(1, Math.max(0, ratio));
  return (
    <span className={`ratio-bar ratio-bar--${tone}`} title={title} data-testid={testId} data-ratio={share.toFixed(3)}>
      <span className="ratio-bar__fill" style={{ width: percent(share) }} />
    </span>
  );
}
