import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { ImportMessage } from '@sluice/model';
import { useT } from '../i18n';
import { editorStore } from '../store/app-store';
import { useActionUi } from '../actions/ui-store';
import { readFlinkPlanFile } from './flink-plan-file';

type Outcome = { file: string; ok: boolean; messages: ImportMessage[] };

/**
 * The file picker behind the "Import Flink plan" action, and what the import said: the notes of a loaded plan,
 * or the problems of a file that is not one (the canvas then keeps what it had).
 */
export default function FlinkPlanImport() {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const requests = useActionUi((s) => s.flinkImportRequests);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const { fitView } = useReactFlow();

  useEffect(() => {
    if (requests > 0) input.current?.click();
  }, [requests]);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // importing the same file again must fire another change
    if (!file) return;
    const result = readFlinkPlanFile(await file.text(), file.name);
    if ('problems' in result) {
      setOutcome({ file: file.name, ok: false, messages: result.problems });
      return;
    }
    editorStore.getState().loadJobGraph(result.jobGraph);
    // An imported plan can be wider than the view; xyflow fits once the new nodes are measured.
    void fitView({ padding: 0.2, maxZoom: 1.1 });
    setOutcome({ file: file.name, ok: true, messages: result.notes });
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="import-flink-file"
        onChange={(e) => void onFile(e)}
      />
      {outcome && (
        <div
          className={`notice notice--${outcome.ok ? 'ok' : 'error'} import-notice`}
          data-testid="import-notice"
          role="status"
        >
          <p>
            {outcome.ok
              ? t('importFlink.loaded', { file: outcome.file, n: outcome.messages.length })
              : t('importFlink.failed', { file: outcome.file })}
          </p>
          <ul>
            {outcome.messages.map((m, i) => (
              <li key={i} data-testid="import-message">
                <code>{m.path}</code> {m.message}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button button--link"
            data-testid="import-notice-dismiss"
            onClick={() => setOutcome(null)}
          >
            {t('load.dismiss')}
          </button>
        </div>
      )}
    </>
  );
}
