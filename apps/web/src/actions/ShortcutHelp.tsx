import { useT, type MessageKey } from '../i18n';
import { ACTIONS, type ActionGroup } from './registry';
import { describeShortcut, isMac } from './shortcut';
import { actionUi } from './ui-store';

const GROUP_TITLES: Readonly<Record<ActionGroup, MessageKey>> = {
  edit: 'help.group.edit',
  clipboard: 'help.group.clipboard',
  file: 'help.group.file',
  job: 'help.group.job',
  view: 'help.group.view',
};

/** Every action of the registry with its shortcuts, opened with "?". */
export default function ShortcutHelp() {
  const t = useT();
  const mac = isMac();
  const close = () => actionUi.setState({ help: false });
  return (
    <div className="overlay" onClick={close}>
      <div
        className="dialog shortcut-help"
        role="dialog"
        aria-label={t('help.title')}
        data-testid="shortcut-help"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 className="panel-title">{t('help.title')}</h2>
        {(Object.keys(GROUP_TITLES) as ActionGroup[]).map((group) => (
          <section key={group}>
            <h3>{t(GROUP_TITLES[group])}</h3>
            <table>
              <tbody>
                {ACTIONS.filter((a) => a.group === group).map((action) => (
                  <tr key={action.id} data-testid={`shortcut-help-${action.id}`}>
                    <td>{t(action.label)}</td>
                    <td>
                      {action.shortcuts.map((s) => (
                        <kbd key={describeShortcut(s, mac)}>{describeShortcut(s, mac)}</kbd>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
        <p className="hint">{t('help.escape')}</p>
        <button type="button" className="button" data-testid="shortcut-help-close" onClick={close}>
          {t('help.close')}
        </button>
      </div>
    </div>
  );
}
