import { useState } from 'react';
import { useT } from '../i18n';
import { editorStore, useEditor } from '../store/app-store';

const DEFAULT_KEY = 'r => r.key';

/**
 * The palette's keyBy. Flink's keyBy is no operator: it makes the stream a KeyedStream, i.e. the next edge a hash
 * edge with a key selector. Clicking it asks for the key and arms the next edge made (connect or click-to-add).
 */
export default function KeyByEntry() {
  const t = useT();
  const armed = useEditor((s) => s.keyByNext);
  const [key, setKey] = useState(DEFAULT_KEY);
  const arm = (value: string) => editorStore.getState().armKeyBy(value.trim() === '' ? null : value);
  return (
    <div className="palette__keyby">
      <button
        type="button"
        className="palette__item palette__item--transform"
        data-testid="palette-keyBy"
        aria-pressed={armed !== null}
        onClick={() => arm(key)}
      >
        <span>keyBy</span>
        <code>hash</code>
      </button>
      {armed !== null && (
        <div className="palette__keyby-form" role="group" aria-label={t('palette.keyByKey')}>
          <label>
            {t('palette.keyByKey')}
            <input
              type="text"
              autoFocus
              value={key}
              data-testid="palette-keyBy-key"
              onChange={(e) => {
                setKey(e.target.value);
                arm(e.target.value);
              }}
            />
          </label>
          <p className="palette__shape">{t('palette.keyByArmed')}</p>
          <button type="button" className="button" onClick={() => editorStore.getState().armKeyBy(null)}>
            {t('palette.keyByCancel')}
          </button>
        </div>
      )}
    </div>
  );
}
