/** The live plots (throughput, watermark lag, checkpoints, buffer usage), drawn with uPlot from the runtime events. */
import { useMemo } from 'react';
import { useT } from '../i18n';
import { bytes, compactRate, percent } from '../network/format';
import { useEditor } from '../store/app-store';
import { usePlots } from './plots-store';
import { readableDuration } from './axis-format';
import UPlotChart from './UPlotChart';

export default function PlotsPanel() {
  const t = useT();
  const version = usePlots((s) => s.version);
  const plots = usePlots((s) => s.plots);
  const job = useEditor((s) => s.job);
  const vertexName = (vertexId: string) =>
    job?.executionGraph.vertices.find((v) => v.id === vertexId)?.name ?? vertexId;

  // The series are mutated in place; `version` says when a copy for the charts is due.
  const snapshot = useMemo(
    () => ({
      throughput: { keys: plots.throughput.keys, data: plots.throughput.data().map((c) => [...c]) },
      watermarkLag: { keys: plots.watermarkLag.keys, data: plots.watermarkLag.data().map((c) => [...c]) },
      buffers: { keys: plots.buffers.keys, data: plots.buffers.data().map((c) => [...c]) },
      checkpoints: [
        [...plots.checkpoints.ids],
        [...plots.checkpoints.durationMs],
        [...plots.checkpoints.stateSizeBytes],
      ],
    }),
    // plots is the same object while it grows: version is what changes with every sample.
    [plots, version],
  );
  const time = t('plots.time');

  return (
    <section className="panel panel--plots" data-testid="plots-panel">
      <h2 className="panel-title">{t('panel.plots')}</h2>
      <h3 className="plot__title">{t('plots.throughput')}</h3>
      <UPlotChart
        testId="plot-throughput"
        xTime
        xLabel={time}
        series={snapshot.throughput.keys.map((key) => ({ label: vertexName(key) }))}
        axes={[{ scale: 'rate', label: t('plots.recordsPerSecond'), format: compactRate }]}
        data={snapshot.throughput.data}
      />
      <h3 className="plot__title">{t('plots.watermarkLag')}</h3>
      <UPlotChart
        testId="plot-watermark-lag"
        xTime
        xLabel={time}
        series={snapshot.watermarkLag.keys.map((key) => ({ label: vertexName(key) }))}
        axes={[{ scale: 'ms', label: t('plots.lag'), format: readableDuration }]}
        data={snapshot.watermarkLag.data}
      />
      <h3 className="plot__title">{t('plots.checkpoints')}</h3>
      <UPlotChart
        testId="plot-checkpoints"
        xTime={false}
        xLabel={t('plots.checkpointId')}
        series={[
          { label: t('plots.durationMs'), scale: 'ms' },
          { label: t('plots.stateSize'), scale: 'bytes' },
        ]}
        axes={[
          { scale: 'ms', label: t('plots.durationMs') },
          { scale: 'bytes', label: t('plots.stateSize'), side: 'right', format: bytes },
        ]}
        data={snapshot.checkpoints}
      />
      <h3 className="plot__title">{t('plots.buffers')}</h3>
      <UPlotChart
        testId="plot-buffers"
        xTime
        xLabel={time}
        series={snapshot.buffers.keys.map((key) => ({ label: t('cluster.taskManager', { id: key }) }))}
        axes={[{ scale: 'usage', label: t('plots.bufferUsage'), format: percent }]}
        data={snapshot.buffers.data}
      />
      <p className="hint">{t('plots.lagDefinition')}</p>
    </section>
  );
}
