import QuickAdd from './QuickAdd';
import ShortcutHelp from './ShortcutHelp';
import { useActionUi } from './ui-store';
import { useShortcuts } from './use-shortcuts';

/** The registry's keyboard handling and the dialogs its actions open, mounted once by the app. */
export default function ActionLayer() {
  useShortcuts();
  const quickAdd = useActionUi((s) => s.quickAdd);
  const help = useActionUi((s) => s.help);
  return (
    <>
      {quickAdd && <QuickAdd />}
      {help && <ShortcutHelp />}
    </>
  );
}
