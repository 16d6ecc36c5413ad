import { useLayoutEffect, useMemo, useRef } from 'react';
import { EdgeLabelRenderer } from '@xyflow/react';
import { useT } from '../i18n';
import { useEditor } from '../store/app-store';
import { edgeBarrier, type EdgeBarrier } from './barriers';
import './checkpoints.css';

/** The barrier on the canvas edge source → target while a checkpoint is in progress; null otherwise. */
export function useEdgeBarrier(source: string, target: string): EdgeBarrier | null {
  const plan = useEditor((s) => s.job?.executionGraph ?? null);
  const checkpoints = useEditor((s) => s.job?.checkpoints ?? null);
  return useMemo(
    () => (plan && checkpoints ? edgeBarrier(plan, checkpoints, source, target) : null),
    [plan, checkpoints, source, target],
  );
}

// The marker stays clear of the nodes at both ends: 0 sits just after the producer, 1 just before the consumer.
const END_MARGIN = 0.1;

/**
 * A bar across the edge where the barrier is, labelled with its checkpoint id. It is placed on the edge's own
 * path (measured by the browser on an invisible copy in the edge's SVG) but drawn in the label layer, above the
 * edge's label, which on a short edge covers most of the path. It moves only when an acknowledgement moves it.
 */
export function EdgeBarrierMarker({ source, target, path }: { source: string; target: string; path: string }) {
  const t = useT();
  const barrier = useEdgeBarrier(source, target);
  const track = useRef<SVGPathElement>(null);
  const marker = useRef<HTMLDivElement>(null);
  const bar = useRef<HTMLSpanElement>(null);
  const position = barrier?.position ?? null;
  useLayoutEffect(() => {
    const line = track.current;
    const box = marker.current;
    const across = bar.current;
    // jsdom lays nothing out: there the marker stays unplaced.
    if (!line || !box || !across || position === null || typeof line.getTotalLength !== 'function') return;
    const length = line.getTotalLength();
    const at = length * (END_MARGIN + (1 - 2 * END_MARGIN) * position);
    const p = line.getPointAtLength(at);
    const q = line.getPointAtLength(Math.min(length, at + 1));
    box.style.transform = `translate(-50%, -50%) translate(${p.x}px, ${p.y}px)`;
    // The bar lies across the edge; the id stays upright.
    across.style.transform = `rotate(${Math.atan2(q.y - p.y, q.x - p.x)}rad)`;
  }, [path, position]);
  if (!barrier) return null;
  const params = {
    id: barrier.checkpointId,
    sent: barrier.sent,
    producers: barrier.producers,
    aligned: barrier.aligned,
    consumers: barrier.consumers,
  };
  return (
    <>
      <path ref={track} d={path} className="edge-barrier__track" />
      <EdgeLabelRenderer>
        <div
          ref={marker}
          className={`edge-barrier ${barrier.savepoint ? 'edge-barrier--savepoint' : ''}`}
          data-testid={`edge-barrier-${source}-${target}`}
          data-checkpoint={barrier.checkpointId}
          data-position={barrier.position}
          data-sent={barrier.sent}
          data-aligned={barrier.aligned}
          title={t('barrier.title', params)}
        >
          <span className="edge-barrier__id">{barrier.checkpointId}</span>
          <span ref={bar} className="edge-barrier__bar" />
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

/** In the edge's label: how far the barrier has come, in words. */
export function EdgeBarrierLabel({ source, target }: { source: string; target: string }) {
  const t = useT();
  const barrier = useEdgeBarrier(source, target);
  if (!barrier) return null;
  return (
    <span className="edge-barrier-label" data-testid={`edge-barrier-label-${source}-${target}`}>
      {t('barrier.label', {
        id: barrier.checkpointId,
        sent: barrier.sent,
        producers: barrier.producers,
        aligned: barrier.aligned,
        consumers: barrier.consumers,
      })}
    </span>
  );
}
