import { useState } from 'react';
import type { OperatorKind } from '@sluice/model';
import { useT } from '../i18n';
import { editorStore } from '../store/app-store';
import { addAfter } from './graph-actions';
import { matchingKinds } from './kind-search';
import { selectedOperatorIds } from './selection';
import { actionUi } from './ui-store';

/**
 * Adds an operator from the keyboard: type part of its name, Enter. It lands right of the selected operator and is
 * connected from it, so "A map Enter" after a source grows the pipeline by one.
 */
export default function QuickAdd() {
  const t = useT();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const found = matchingKinds(query, (kind) => t(`kind.${kind}`));
  const close = () => actionUi.setState({ quickAdd: false });

  const add = (kind: OperatorKind) => {
    const { jobGraph, selection, applyGraphEdit } = editorStore.getState();
    const after = selectedOperatorIds(selection);
    const added = addAfter(jobGraph, kind, after.length === 1 ? after[0] : undefined);
    applyGraphEdit(added.graph, { type: 'operator', id: added.id });
    close();
  };

  return (
    <div className="overlay" onClick={close}>
      <div
        className="dialog quick-add"
        role="dialog"
        aria-label={t('quickAdd.title')}
        data-testid="quick-add"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 className="panel-title">{t('quickAdd.title')}</h2>
        <input
          autoFocus
          type="text"
          value={query}
          placeholder={t('quickAdd.placeholder')}
          data-testid="quick-add-input"
          aria-controls="quick-add-options"
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
            else if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, found.length - 1));
            else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
            else if (e.key === 'Enter' && found[active] !== undefined) add(found[active]);
            else return;
            e.preventDefault();
          }}
        />
        <ul id="quick-add-options" role="listbox" className="quick-add__options">
          {found.map((kind, i) => (
            <li
              key={kind}
              role="option"
              aria-selected={i === active}
              data-testid={`quick-add-option-${kind}`}
              className={i === active ? 'quick-add__option--active' : ''}
              onClick={() => add(kind)}
            >
              {t(`kind.${kind}`)} <code>{kind}</code>
            </li>
          ))}
          {found.length === 0 && <li className="hint">{t('quickAdd.none')}</li>}
        </ul>
      </div>
    </div>
  );
}
