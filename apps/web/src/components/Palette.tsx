import { Fragment, type DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { CATALOGUE, OPERATOR_KINDS, type OperatorKind, type OperatorRole } from '@sluice/model';
import { useT, type MessageKey } from '../i18n';
import { editorStore } from '../store/app-store';
import { OPERATOR_KIND_MIME } from './drag';
import KeyByEntry from './KeyByEntry';

type SourceKind = 'source.sequence' | 'source.collection' | 'source.datagen' | 'source.file';

/** Horizontal distance between operators added by clicks: a node's width plus room for the edge label. */
const CLICK_ADD_STEP_X = 240;

const GROUPS: { role: OperatorRole; title: MessageKey }[] = [
  { role: 'source', title: 'palette.sources' },
  { role: 'transform', title: 'palette.transforms' },
  { role: 'sink', title: 'palette.sinks' },
];

/** Every operator kind of the catalogue, grouped by role; drag onto the canvas, or click to add. */
export default function Palette() {
  const t = useT();
  const { screenToFlowPosition, fitView } = useReactFlow();

  /**
   * Keyboard and test path: the first operator lands at the visible centre, each next one to the right of the
   * selected operator (or the last one added) and connected from it, so clicking source, transform, sink in turn
   * builds a connected, readable pipeline.
   */
  const addByClick = (kind: OperatorKind) => {
    const { jobGraph, selection } = editorStore.getState();
    const selected =
      selection?.type === 'operator' ? jobGraph.operators.find((op) => op.id === selection.id) : undefined;
    const last = selected ?? jobGraph.operators.at(-1);
    let at: { x: number; y: number };
    if (last?.position) {
      at = { x: last.position.x + CLICK_ADD_STEP_X, y: last.position.y };
    } else {
      const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
      const centre = canvas
        ? { x: canvas.left + canvas.width / 3, y: canvas.top + canvas.height / 2 }
        : { x: 400, y: 300 };
      const flow = screenToFlowPosition(centre);
      at = { x: flow.x - 80, y: flow.y - 30 };
    }
    editorStore.getState().appendOperator(kind, at);
    // Keep the new node in view; xyflow waits for it to be measured before fitting.
    void fitView({ padding: 0.2, maxZoom: 1.1 });
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
            <Fragment key={kind}>
              <button
                type="button"
                className={`palette__item palette__item--${role}`}
                draggable
                onDragStart={(e) => onDragStart(e, kind)}
                onClick={() => addByClick(kind)}
                data-testid={`palette-${kind}`}
                title={kind}
              >
                <span>{t(`kind.${kind}`)}</span>
                <code>{kind}</code>
              </button>
              {role === 'source' && (
                <p className="palette__shape" data-testid={`record-shape-${kind}`}>
                  {t(`recordShape.${kind as SourceKind}`)}
                </p>
              )}
            </Fragment>
          ))}
          {role === 'transform' && <KeyByEntry />}
        </section>
      ))}
    </aside>
  );
}
