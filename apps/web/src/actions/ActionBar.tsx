import './actions.css';
import FlinkPlanImport from '../file/FlinkPlanImport';
import { useLanguage, useT } from '../i18n';
import { browserActionContext } from './browser-context';
import { actionById } from './registry';
import { runFromUi } from './run-from-ui';
import { describeShortcut, isMac } from './shortcut';
import { useActionStateVersion } from './use-action-state';
import { actionUi, useActionUi } from './ui-store';

/** The registry's actions the toolbar shows as buttons (Run and Cancel keep their own, larger buttons). */
const TOOLBAR_ACTIONS = [
  'undo',
  'redo',
  'cut',
  'copy',
  'paste',
  'duplicate',
  'delete',
  'auto-layout',
  'import-flink',
  'copy-link',
  'help',
];

export default function ActionBar() {
  const t = useT();
  useLanguage();
  useActionStateVersion();
  const notice = useActionUi((s) => s.notice);
  const mac = isMac();
  return (
    <div className="action-bar" role="toolbar" aria-label={t('action.bar')}>
      {TOOLBAR_ACTIONS.map(actionById).map((action) => {
        const shortcut = action.shortcuts[0];
        const label = t(action.label);
        return (
          <button
            key={action.id}
            type="button"
            className="button button--small"
            data-testid={`action-${action.id}`}
            disabled={!action.enabled(browserActionContext)}
            title={shortcut ? `${label} (${describeShortcut(shortcut, mac)})` : label}
            onClick={() => runFromUi(action)}
          >
            {label}
          </button>
        );
      })}
      <FlinkPlanImport />
      {notice && (
        <div className={`notice notice--${notice.kind}`} data-testid="action-notice" role="status">
          {t(notice.message, notice.params)}
          <button type="button" className="button button--link" onClick={() => actionUi.setState({ notice: null })}>
            {t('load.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
