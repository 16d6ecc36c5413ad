import { useT } from '../i18n';
import { useEditor } from '../store/app-store';
import { bytes, percent } from './format';
import './network.css';

/**
 * One TaskManager's network buffer pool as a stacked bar: what its running tasks reserved (exclusive,
 * floating and output buffers) and, inside that, what holds data now. A full "in use" share under
 * backpressure is the pool doing its job: memory stays bounded by it however fast the sources are.
 */
export default function TaskManagerBufferPool({ taskManagerId }: { taskManagerId: string }) {
  const t = useT();
  const figures = useEditor((s) => s.taskManagerFigures[taskManagerId]);
  if (!figures) return null;
  const { totalBytes, reservedBytes, bytesInUse } = figures.bufferPool;
  const share = (n: number) => (totalBytes === 0 ? '0%' : percent(Math.min(1, n / totalBytes)));
  return (
    <div
      className="tm-pool"
      data-testid={`buffer-pool-${taskManagerId}`}
      data-total-bytes={totalBytes}
      data-reserved-bytes={reservedBytes}
      data-bytes-in-use={bytesInUse}
    >
      <span className="tm-pool__label">{t('network.bufferPool')}</span>
      <span className="tm-pool__bar" title={t('network.bufferPoolHint')}>
        <span className="tm-pool__reserved" style={{ width: share(reservedBytes) }} />
        <span className="tm-pool__in-use" style={{ width: share(bytesInUse) }} />
      </span>
      <span className="tm-pool__figures">
        {t('network.bufferPoolFigures', { inUse: bytes(bytesInUse), reserved: bytes(reservedBytes), total: bytes(totalBytes) })}
      </span>
      <span className="tm-pool__figures">{t('network.processMemory', { heap: bytes(figures.heapUsedBytes), rss: bytes(figures.rssBytes) })}</span>
    </div>
  );
}
