import { useT } from '../i18n';
import { compactRate, percent } from './format';
import './network.css';
import RatioBar from './RatioBar';
import { useEdgeNetwork } from './use-network';

/** In an edge's label while a job runs: records/s across it and how full the buffers on both sides are. */
export default function EdgeNetworkFigures({ source, target }: { source: string; target: string }) {
  const t = useT();
  const network = useEdgeNetwork(source, target);
  if (!network) return null;
  const id = `${source}-${target}`;
  if (network.kind === 'chained') {
    return (
      <span className="edge-net edge-net--chained" data-testid={`edge-chained-${id}`} title={t('network.chainedHint')}>
        {t('network.chained')}
      </span>
    );
  }
  const { recordsPerSecond, outPoolUsage, inPoolUsage } = network;
  return (
    <span className="edge-net">
      <b
        className="edge-net__rate"
        data-testid={`edge-throughput-${id}`}
        data-records-per-second={recordsPerSecond === null ? '' : Math.round(recordsPerSecond)}
      >
        {recordsPerSecond === null
          ? t('network.rateUnknown')
          : t('network.recordsPerSecond', { n: compactRate(recordsPerSecond) })}
      </b>
      <span className="edge-net__pools">
        {outPoolUsage !== null && (
          <span className="edge-net__pool">
            {t('network.outPool')}
            <RatioBar
              ratio={outPoolUsage}
              tone="buffers"
              title={t('network.outPoolHint', { usage: percent(outPoolUsage) })}
              testId={`edge-out-pool-${id}`}
            />
          </span>
        )}
        {inPoolUsage !== null && (
          <span className="edge-net__pool">
            {t('network.inPool')}
            <RatioBar
              ratio={inPoolUsage}
              tone="buffers"
              title={t('network.inPoolHint', { usage: percent(inPoolUsage) })}
              testId={`edge-in-pool-${id}`}
            />
          </span>
        )}
      </span>
    </span>
  );
}
