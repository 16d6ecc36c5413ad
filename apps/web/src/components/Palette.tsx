import type { DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { CATALOGUE, OPERATOR_KINDS, type OperatorKind, type OperatorRole } from '@sluice/model';
import { useT, type MessageKey } from '../i18n';
import { editorStore } from '../store/app-store';
import { OPERATOR_KIND_MIME } from './drag';

const GROUPS: { role: OperatorRole; title: MessageKey }[] = [
  { role: 'source', title: 'palette.sources' },
  { role: 'transform', title: 'palette.transforms' },
  { role: 'sink', title: 'palette.sinks' },
];

/** Every operator kind of the catalogue, grouped by role; drag onto the canvas, or click to add. */
export default function Palette() {
  const t = useT();
  const { screenToFlowPosition } = useReactFlow();

  const addAtCentre = (kind: OperatorKind) => {
    const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const count = editorStore.getState().jobGraph.operators.length;
    // Staggered around the visible centre so repeated clicks do not stack nodes exactly on top of each other.
    const centre = canvas ? { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 } : { x: 400, y: 300 };
    const at = screenToFlowPosition(centre);
    editorStore.getState().addOperator(kind, { x: at.x - 80 + (count % 5) * 24, y: at.y - 30 + (count % 5) * 24 });
  };

  const onDragStart = (event: DragEvent, kind: OperatorKind) => {
    event.dataTransfer.setData(OPERATOR_KIND_MIME, kind);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <aside className="palette" aria-label={t('palette.title')}>
      <h2 className="panel-title">{t('palette.title')}</h2>
      <p className="hint">{t('palette.hint')}</p>
      {GROUPS.map(({ role, title }) => (
        <section key={role} className="palette__group">
          <h3>{t(title)}</h3>
          {OPERATOR_KINDS.filter((kind) => CATALOGUE[kind].role === role).map((kind) => (
            <button
              key={kind}
              type="button"
              className={`palette__item palette__item--${role}`}
              draggable
              onDragStart={(e) => onDragStart(e, kind)}
              onClick={() => addAtCentre(kind)}
              data-testid={`palette-${kind}`}
              title={kind}
            >
              <span>{t(`kind.${kind}`)}</span>
              <code>{kind}</code>
            </button>
          ))}
        </section>
      ))}
    </aside>
  );
}
