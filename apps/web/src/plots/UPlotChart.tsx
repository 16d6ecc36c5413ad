/** One uPlot chart that follows its container's size and redraws when its data changes, without rebuilding the chart. */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { axisWidth } from './axis-format';

export interface ChartSeries {
  label: string;
  /** Which y scale the series is drawn against (e.g. "ms" and "bytes" on one chart). */
  scale?: string;
}

export interface ChartAxis {
  scale: string;
  label: string;
  side?: 'left' | 'right';
  format?: (value: number) => string;
}

const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#ea980c', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];
const HEIGHT = 150;

interface Props {
  testId: string;
  /** The x axis: time (seconds) or a plain number such as the checkpoint id. */
  xTime: boolean;
  xLabel: string;
  series: ChartSeries[];
  axes: ChartAxis[];
  data: (number | null)[][];
}

export default function UPlotChart({ testId, xTime, xLabel, series, axes, data }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  // The chart is rebuilt only when its series change (a new operator, a new language); new samples go through setData.
  const shape = JSON.stringify({ xTime, xLabel, series, axes: axes.map((a) => [a.scale, a.label, a.side]) });

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 100),
      height: HEIGHT,
      legend: { show: true },
      scales: { x: { time: xTime } },
      series: [
        { label: xLabel },
        ...series.map((s, i) => ({
          label: s.label,
          scale: s.scale ?? axes[0]?.scale ?? 'y',
          stroke: COLOURS[i % COLOURS.length],
          width: 1.5,
          spanGaps: true,
        })),
      ],
      axes: [
        { label: xLabel },
        ...axes.map((a) => ({
          scale: a.scale,
          label: a.label,
          side: a.side === 'right' ? 1 : 3,
          size: (_: uPlot, values: string[] | null) => axisWidth(values),
          ...(a.format ? { values: (_: uPlot, ticks: number[]) => ticks.map(a.format!) } : {}),
        })),
      ],
    };
    const plot = new uPlot(options, data as uPlot.AlignedData, element);
    chart.current = plot;
    const observer = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(element.clientWidth, 100), height: HEIGHT }),
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
      chart.current = null;
    };
    // New samples reach the chart through the effect below: rebuilding on every sample would defeat uPlot's speed.
  }, [shape]);

  useEffect(() => {
    chart.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  return <div ref={container} className="plot" data-testid={testId} data-points={data[0]?.length ?? 0} />;
}
