import { useRef, useState, type ChangeEvent } from 'react';
import { EXAMPLES, exampleById } from '@sluice/model';
import ActionBar from '../actions/ActionBar';
import { actionById } from '../actions/registry';
import { runFromUi } from '../actions/run-from-ui';
import { parseJobGraphFile } from '../file/jobgraph-file';
import { LANGUAGES, useLanguage, useT } from '../i18n';
import { isTerminal } from '../runtime/live-job';
import RunTargetControl from '../run-target/RunTargetControl';
import SlotFitWarning from './SlotFitWarning';
import { exampleJobGraph } from '../file/example-graph';
import { cancelRunningJob, runJob } from '../runtime/session';
import StepToggle from '../step/StepToggle';
import WorkshopToggles from '../workshop/WorkshopToggles';
import { editorStore, useEditor } from '../store/app-store';

type LoadNotice = { kind: 'ok' | 'error'; text: string };

/** Job name, examples, save/load, Run/Cancel, the physical view toggle and the language switch. */
export default function Toolbar({ physical, onTogglePhysical }: { physical: boolean; onTogglePhysical: () => void }) {
  const t = useT();
  const { language, setLanguage } = useLanguage();
  const jobGraph = useEditor((s) => s.jobGraph);
  const plan = useEditor((s) => s.plan);
  const job = useEditor((s) => s.job);
  const submitting = useEditor((s) => s.submitting);
  const fileInput = useRef<HTMLInputElement>(null);
  const [notice, setNotice] = useState<LoadNotice | null>(null);

  const running = job !== null && !isTerminal(job.status);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // loading the same file again must fire another change
    if (!file) return;
    const parsed = parseJobGraphFile(await file.text());
    if (parsed.ok) {
      editorStore.getState().loadJobGraph(parsed.jobGraph);
      setNotice({ kind: 'ok', text: t('load.loaded', { file: file.name }) });
    } else if (parsed.error === 'not-json') {
      setNotice({ kind: 'error', text: t('load.notJson', { file: file.name, reason: parsed.reason }) });
    } else {
      setNotice({
        kind: 'error',
        text: t('load.notJobGraph', { file: file.name, path: parsed.path, reason: parsed.reason }),
      });
    }
  };

  return (
    <header className="toolbar">
      <div className="toolbar__brand">
        <strong>{t('app.title')}</strong>
        <span className="hint">{t('app.tagline')}</span>
      </div>
      <label className="toolbar__field">
        <span>{t('toolbar.jobName')}</span>
        <input
          type="text"
          value={jobGraph.name}
          data-testid="job-name"
          onChange={(e) => editorStore.getState().renameJob(e.target.value)}
        />
      </label>
      <label className="toolbar__field">
        <span>{t('toolbar.examples')}</span>
        <select
          value=""
          data-testid="examples"
          onChange={(e) => {
            const example = exampleById(e.target.value);
            if (example) editorStore.getState().loadJobGraph(exampleJobGraph(example, language));
          }}
        >
          <option value="">{t('toolbar.examplesPick')}</option>
          {EXAMPLES.map((example) => (
            <option key={example.id} value={example.id} title={example.description[language]}>
              {example.title[language]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button"
        data-testid="new-job"
        onClick={() =>
          editorStore.getState().loadJobGraph({ version: 1, name: t('toolbar.untitled'), operators: [], edges: [] })
        }
      >
        {t('toolbar.new')}
      </button>
      <button type="button" className="button" data-testid="save" onClick={() => runFromUi(actionById('save'))}>
        {t('toolbar.save')}
      </button>
      <button type="button" className="button" data-testid="load" onClick={() => fileInput.current?.click()}>
        {t('toolbar.load')}
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="load-file"
        onChange={(e) => void onFile(e)}
      />
      <RunTargetControl disabled={running || submitting} />
      <button
        type="button"
        className="button button--primary"
        data-testid="run"
        disabled={plan === null || running || submitting}
        title={plan === null ? t('toolbar.runDisabled') : undefined}
        onClick={() => void runJob()}
      >
        {t('toolbar.run')}
      </button>
      <SlotFitWarning />
      <button
        type="button"
        className="button"
        data-testid="cancel"
        disabled={!running}
        onClick={() => void cancelRunningJob()}
      >
        {t('toolbar.cancel')}
      </button>
      <span className="toolbar__status">
        {t('job.status')}:{' '}
        <b data-testid="job-status" className={`status status--${(job?.status ?? 'none').toLowerCase()}`}>
          {submitting ? t('job.submitting') : (job?.status ?? t('job.none'))}
        </b>
      </span>
      <label className="toolbar__toggle">
        <input type="checkbox" checked={physical} data-testid="toggle-physical" onChange={onTogglePhysical} />
        {t('toolbar.physical')}
      </label>
      <StepToggle />
      <WorkshopToggles />
      <ActionBar />
      <label className="toolbar__field toolbar__language">
        <span>{t('toolbar.language')}</span>
        <select
          value={language}
          data-testid="language"
          onChange={(e) => setLanguage(e.target.value as (typeof LANGUAGES)[number])}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`language.${l}`)}
            </option>
          ))}
        </select>
      </label>
      {notice && (
        <div className={`notice notice--${notice.kind}`} data-testid="load-notice" role="status">
          {notice.text}
          <button type="button" className="button button--link" onClick={() => setNotice(null)}>
            {t('load.dismiss')}
          </button>
        </div>
      )}
    </header>
  );
}
