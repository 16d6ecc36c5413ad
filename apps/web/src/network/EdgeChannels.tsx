import { DEFAULTS, type JobConfig } from '@sluice/model';
import type { ChannelMetricsView } from '@sluice/protocol';
import { useT } from '../i18n';
import { isTerminal } from '../runtime/live-job';
import { useRunsOnFlink } from '../run-target/run-target-store';
import { useEditor } from '../store/app-store';
import './network.css';
import RatioBar from './RatioBar';
import { useEdgeNetwork } from './use-network';

/**
 * The bars of one table share a scale, so credit, backlog and buffers in flight compare at a glance.
 * It starts at the most credit a channel can normally hold (its exclusive buffers plus the gate's
 * floating ones, §4, as the job configures them) and grows when a backlog outgrows that.
 */
function barScale(channels: readonly ChannelMetricsView[], config: JobConfig | undefined): number {
  let scale =
    (config?.buffersPerChannel ?? DEFAULTS.buffersPerChannel) +
    (config?.floatingBuffersPerGate ?? DEFAULTS.floatingBuffersPerGate);
  for (const c of channels) scale = Math.max(scale, c.credit, c.backlog, c.buffersInFlight);
  return scale;
}

function Figure({
  value,
  scale,
  tone,
  title,
  testId,
}: {
  value: number;
  scale: number;
  tone: string;
  title: string;
  testId: string;
}) {
  return (
    <td className="channels__figure">
      <RatioBar ratio={value / scale} tone={tone} title={title} />
      <b data-testid={testId}>{value}</b>
    </td>
  );
}

/** A selected edge's channels, one row per producer → consumer subtask pair, live. */
export default function EdgeChannels({ source, target }: { source: string; target: string }) {
  const t = useT();
  const network = useEdgeNetwork(source, target);
  const config = useEditor((s) => s.jobGraph.config);
  // Channels report no more once their tasks end: the rows then hold each channel's last figures.
  const ended = useEditor((s) => (s.job ? isTerminal(s.job.status) : false));
  const onFlink = useRunsOnFlink(useEditor((s) => s.job?.jobId));
  if (!network) return null;
  const scale = network.kind === 'network' ? barScale(network.channels, config) : 1;
  return (
    <section className="channels" data-testid={`channels-${source}-${target}`}>
      <h3 className="inspector__section">{t('network.channels')}</h3>
      {network.kind === 'chained' && <p className="hint">{t('network.chainedHint')}</p>}
      {network.kind === 'network' && network.channels.length === 0 && (
        <p className="hint" data-testid="channels-not-from-flink">
          {onFlink ? t('runTarget.notFromFlink') : t('network.noChannels')}
        </p>
      )}
      {network.kind === 'network' && network.channels.length > 0 && (
        <>
          <table className="channels__table">
            <thead>
              <tr>
                <th>{t('network.subtasks')}</th>
                <th title={t('network.creditHint')}>{t('network.credit')}</th>
                <th title={t('network.backlogHint')}>{t('network.backlog')}</th>
                <th title={t('network.inFlightHint')}>{t('network.inFlight')}</th>
              </tr>
            </thead>
            <tbody>
              {network.channels.map((c) => {
                const pair = `${c.sourceSubtask}-${c.targetSubtask}`;
                return (
                  <tr
                    key={pair}
                    className={c.credit === 0 ? 'channels__row--starved' : ''}
                    data-testid={`channel-${pair}`}
                    data-credit={c.credit}
                    data-backlog={c.backlog}
                    data-buffers-in-flight={c.buffersInFlight}
                  >
                    <td>
                      {c.sourceSubtask} → {c.targetSubtask}
                    </td>
                    <Figure
                      value={c.credit}
                      scale={scale}
                      tone="credit"
                      title={t('network.creditHint')}
                      testId={`channel-credit-${pair}`}
                    />
                    <Figure
                      value={c.backlog}
                      scale={scale}
                      tone="backlog"
                      title={t('network.backlogHint')}
                      testId={`channel-backlog-${pair}`}
                    />
                    <Figure
                      value={c.buffersInFlight}
                      scale={scale}
                      tone="in-flight"
                      title={t('network.inFlightHint')}
                      testId={`channel-in-flight-${pair}`}
                    />
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="hint" data-testid="channels-hint">
            {t(ended ? 'network.channelsEnded' : 'network.channelsHint')}
          </p>
        </>
      )}
    </section>
  );
}
