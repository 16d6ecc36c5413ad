/** The toolbar's "Run on" choice: the local cluster, Flink embedded, or Flink at a URL (then its URL). */
import { useT } from '../i18n';
import { RUN_TARGETS, useRunTarget, type RunTarget } from './run-target-store';

const LABELS = {
  local: 'runTarget.local',
  'flink-embedded': 'runTarget.flinkEmbedded',
  'flink-url': 'runTarget.flinkUrl',
} as const;

export default function RunTargetControl({ disabled }: { disabled: boolean }) {
  const t = useT();
  const { target, flinkUrl, setTarget, setFlinkUrl } = useRunTarget();
  return (
    <>
      <label className="toolbar__field">
        <span>{t('runTarget.label')}</span>
        <select
          value={target}
          data-testid="run-target"
          disabled={disabled}
          onChange={(e) => setTarget(e.target.value as RunTarget)}
        >
          {RUN_TARGETS.map((value) => (
            <option key={value} value={value}>
              {t(LABELS[value])}
            </option>
          ))}
        </select>
      </label>
      {target === 'flink-url' && (
        <input
          type="url"
          value={flinkUrl}
          data-testid="flink-url"
          disabled={disabled}
          placeholder="http://127.0.0.1:8089"
          aria-label={t('runTarget.urlLabel')}
          onChange={(e) => setFlinkUrl(e.target.value)}
        />
      )}
    </>
  );
}
