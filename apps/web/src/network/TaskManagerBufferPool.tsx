import { useT } from '../i18n';
import { useEditor } from '../store/app-store';
import { bytes, percent } from './format';
import './network.css';
import RatioBar from './RatioBar';

/**
 * One TaskManager's network buffer pool as two bars: how much of the pool its running tasks reserved
 * (exclusive, floating and output buffers), and how much of that reservation holds data now. Under
 * backpressure the second fills up and stays full: memory is bounded by the reservation however fast
 * the sources are.
 */
export default function TaskManagerBufferPool({ taskManagerId }: { taskManagerId: string }) {
  const t = useT();
  const figures = useEditor((s) => s.taskManagerFigures[taskManagerId]);
  if (!figures) return null;
  const { totalBytes, reservedBytes, bytesInUse } = figures.bufferPool;
  const reservedShare = totalBytes === 0 ? 0 : reservedBytes / totalBytes;
  const inUseShare = reservedBytes === 0 ? 0 : bytesInUse / reservedBytes;
  return (
    <div
      className="tm-pool"
      data-testid={`buffer-pool-${taskManagerId}`}
      data-total-bytes={totalBytes}
      data-reserved-bytes={reservedBytes}
      data-bytes-in-use={bytesInUse}
    >
      <span className="tm-pool__label">{t('network.bufferPool')}</span>
      <span className="tm-pool__row">
        <RatioBar ratio={reservedShare} tone="reserved" title={t('network.poolReservedHint')} />
        {t('network.poolReserved', { reserved: bytes(reservedBytes), total: bytes(totalBytes) })}
      </span>
      <span className="tm-pool__row">
        <RatioBar ratio={inUseShare} tone="buffers" title={t('network.poolInUseHint')} />
        {t('network.poolInUse', { inUse: bytes(bytesInUse), share: percent(Math.min(1, inUseShare)) })}
      </span>
      <span className="tm-pool__figures">
        {t('network.processMemory', { heap: bytes(figures.heapUsedBytes), rss: bytes(figures.rssBytes) })}
      </span>
    </div>
  );
}
