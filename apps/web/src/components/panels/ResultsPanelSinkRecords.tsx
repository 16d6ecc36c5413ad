import { memo } from 'react';
import { useT } from '../../i18n';

/**
 * Records beyond this many are counted, not drawn: a run of a few thousand records would otherwise
 * put thousands of list items in the DOM and slow the page down enough to miss socket.io heartbeats.
 */
export const RECORDS_SHOWN = 500;

interface SinkRecordsProps {
  sinkId: string;
  records: readonly unknown[];
  /** The Dispatcher kept only this sink's first records (a collect sink keeps 10,000). */
  truncated: boolean;
}

/**
 * One collect sink's output. Memoized on the records array, which the live job replaces only when
 * that sink receives records, so metrics frames (several a second) do not redraw the list.
 */
function SinkRecords({ sinkId, records, truncated }: SinkRecordsProps) {
  const t = useT();
  const hidden = records.length - RECORDS_SHOWN;
  return (
    <div className="sink" data-testid={`sink-${sinkId}`}>
      <h3>
        <code>{sinkId}</code>{' '}
        <span className="badge" data-testid={`sink-count-${sinkId}`}>
          {t('results.records', { n: records.length })}
        </span>
      </h3>
      {truncated && (
        <p className="hint" data-testid={`sink-truncated-${sinkId}`}>
          {t('results.truncated', { n: records.length })}
        </p>
      )}
      {records.length === 0 && <p className="hint">{t('results.empty')}</p>}
      <ol className="records">
        {records.slice(0, RECORDS_SHOWN).map((record, i) => (
          <li key={i} data-testid="sink-record">
            {JSON.stringify(record)}
          </li>
        ))}
      </ol>
      {hidden > 0 && (
        <p className="hint" data-testid={`sink-more-${sinkId}`}>
          {t('results.more', { n: hidden })}
        </p>
      )}
    </div>
  );
}

export default memo(SinkRecords);
