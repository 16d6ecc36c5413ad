import {
  CATALOGUE,
  CHAINING_STRATEGIES,
  PARTITIONERS,
  DEFAULTS,
  type ChainingStrategy,
  type EdgeSpec,
  type OperatorSpec,
  type Partitioner,
} from '@sluice/model';
import type { Problem } from '@sluice/protocol';
import { effectivePartitioner, flowEdgeId } from '../graph/flow';
import { paramFields, type ParamField } from '../graph/param-fields';
import { useT } from '../i18n';
import EdgeChannels from '../network/EdgeChannels';
import { InspectorCheckpoint } from '../checkpoints/SubtaskCheckpoints';
import { editorStore, useEditor } from '../store/app-store';
import { Field, JsonInput, NumberInput } from './fields';
import ProblemText from './ProblemText';

function paramTestId(name: string): string {
  return name === 'fn' ? 'inspector-fn' : `inspector-param-${name}`;
}

function ProblemList({ problems }: { problems: Problem[] }) {
  const t = useT();
  if (problems.length === 0) return null;
  return (
    <div className="inspector__problems" data-testid="inspector-problems">
      <h4>{t('inspector.problems')}</h4>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <ProblemText problem={p} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function ParamInput({ operator, field }: { operator: OperatorSpec; field: ParamField }) {
  const t = useT();
  const value = operator.params?.[field.name];
  const commit = (next: unknown) => editorStore.getState().setParam(operator.id, field.name, next);
  const testId = paramTestId(field.name);
  switch (field.widget) {
    case 'function':
      return (
        <textarea
          className="code"
          rows={4}
          spellCheck={false}
          value={typeof value === 'string' ? value : ''}
          data-testid={testId}
          onChange={(e) => commit(e.target.value === '' && field.optional ? undefined : e.target.value)}
        />
      );
    case 'text':
      return (
        <input
          type="text"
          value={typeof value === 'string' ? value : ''}
          data-testid={testId}
          onChange={(e) => commit(e.target.value === '' && field.optional ? undefined : e.target.value)}
        />
      );
    case 'number':
      return (
        <NumberInput
          value={typeof value === 'number' ? value : undefined}
          optional={field.optional}
          onCommit={commit}
          testId={testId}
        />
      );
    case 'boolean':
      return (
        <input
          type="checkbox"
          checked={value === true}
          data-testid={testId}
          onChange={(e) => commit(e.target.checked)}
        />
      );
    case 'enum':
      return (
        <select
          value={typeof value === 'string' ? value : ''}
          data-testid={testId}
          onChange={(e) => commit(e.target.value === '' ? undefined : e.target.value)}
        >
          {(field.optional || value === undefined) && <option value="">{t('inspector.unset')}</option>}
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'json':
      return <JsonInput value={value} optional={field.optional} onCommit={commit} testId={testId} />;
  }
}

function OperatorInspector({ operator, problems }: { operator: OperatorSpec; problems: Problem[] }) {
  const t = useT();
  const update = editorStore.getState().updateOperator;
  const fields = paramFields(operator.kind);
  return (
    <div className="inspector__body" data-testid="inspector-operator">
      <div className="inspector__heading">
        <span className={`role-dot role-dot--${CATALOGUE[operator.kind].role}`} />
        {t(`kind.${operator.kind}`)} <code>{operator.kind}</code>
      </div>
      <Field label={t('inspector.id')}>
        <input type="text" value={operator.id} readOnly data-testid="inspector-id" />
      </Field>
      <Field label={t('inspector.name')}>
        <input
          type="text"
          value={operator.name ?? ''}
          placeholder={t('inspector.namePlaceholder')}
          data-testid="inspector-name"
          onChange={(e) => update(operator.id, { name: e.target.value === '' ? undefined : e.target.value })}
        />
      </Field>
      <Field label={t('inspector.parallelism')}>
        <NumberInput
          value={operator.parallelism}
          optional={false}
          min={1}
          testId="inspector-parallelism"
          onCommit={(n) => n !== undefined && update(operator.id, { parallelism: n })}
        />
      </Field>
      <Field label={t('inspector.chaining')}>
        <select
          value={operator.chaining ?? DEFAULTS.chaining}
          data-testid="inspector-chaining"
          onChange={(e) =>
            update(operator.id, {
              chaining: e.target.value === DEFAULTS.chaining ? undefined : (e.target.value as ChainingStrategy),
            })
          }
        >
          {CHAINING_STRATEGIES.map((c) => (
            <option key={c} value={c}>
              {t(`inspector.chaining.${c}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('inspector.slotSharingGroup')}>
        <input
          type="text"
          value={operator.slotSharingGroup ?? ''}
          placeholder={DEFAULTS.slotSharingGroup}
          data-testid="inspector-slot-sharing-group"
          onChange={(e) =>
            update(operator.id, { slotSharingGroup: e.target.value === '' ? undefined : e.target.value })
          }
        />
      </Field>
      <Field label={t('network.slowdown')} hint={t('network.slowdownHint')}>
        <NumberInput
          value={operator.slowdownMs}
          optional
          min={0}
          testId="inspector-slowdown"
          onCommit={(ms) => update(operator.id, { slowdownMs: ms })}
        />
      </Field>
      <h3 className="inspector__section">{t('inspector.params')}</h3>
      {fields.length === 0 && <p className="hint">{t('inspector.noParams')}</p>}
      {fields.map((field) => (
        <Field
          key={field.name}
          label={field.optional ? t('inspector.optionalParam', { name: field.name }) : field.name}
          hint={
            field.widget === 'function'
              ? t('inspector.fnHint')
              : field.widget === 'json'
                ? t('inspector.jsonHint')
                : undefined
          }
        >
          <ParamInput operator={operator} field={field} />
        </Field>
      ))}
      <ProblemList problems={problems} />
      <InspectorCheckpoint operatorId={operator.id} />
      <button
        type="button"
        className="button button--danger"
        data-testid="inspector-delete"
        onClick={() => editorStore.getState().deleteSelection()}
      >
        {t('inspector.delete')}
      </button>
    </div>
  );
}

function EdgeInspector({ edge, index, problems }: { edge: EdgeSpec; index: number; problems: Problem[] }) {
  const t = useT();
  const jobGraph = useEditor((s) => s.jobGraph);
  const update = editorStore.getState().updateEdge;
  const partitioner = effectivePartitioner(jobGraph, edge);
  const source = jobGraph.operators.find((op) => op.id === edge.source);
  const target = jobGraph.operators.find((op) => op.id === edge.target);
  const namesTags = source?.kind === 'process' || source?.kind === 'coProcess';
  const mayHaveSideOutput = edge.sideOutput !== undefined || source?.kind === 'window';
  return (
    <div className="inspector__body" data-testid="inspector-edge">
      <div className="inspector__heading">
        <code>{edge.source}</code> → <code>{edge.target}</code>
      </div>
      <Field label={t('inspector.partitioner')}>
        <select
          value={partitioner}
          data-testid="inspector-partitioner"
          onChange={(e) => {
            const next = e.target.value as Partitioner;
            // A key belongs to a hash edge only; switching away drops it from the saved file.
            update(index, { partitioner: next, key: next === 'hash' ? edge.key : undefined });
          }}
        >
          {PARTITIONERS.map((p) => (
            <option key={p} value={p}>
              {t(`partitioner.${p}`)}
            </option>
          ))}
        </select>
      </Field>
      {(partitioner === 'hash' || edge.key !== undefined) && (
        <Field label={t('inspector.key')} hint={t('inspector.keyHint')}>
          <input
            type="text"
            className={`code ${edge.key ? '' : 'input--invalid'}`}
            value={edge.key ?? ''}
            placeholder="r => r.key"
            autoFocus={!edge.key}
            data-testid="inspector-key"
            onChange={(e) => update(index, { key: e.target.value === '' ? undefined : e.target.value })}
          />
        </Field>
      )}
      {(edge.input !== undefined || (target !== undefined && CATALOGUE[target.kind].twoInput)) && (
        <Field label={t('inspector.input')} hint={t('inspector.inputHint')}>
          <select
            value={edge.input ?? ''}
            className={edge.input ? '' : 'input--invalid'}
            data-testid="inspector-input"
            onChange={(e) =>
              update(index, { input: e.target.value === '2' ? 2 : e.target.value === '1' ? 1 : undefined })
            }
          >
            <option value="">—</option>
            <option value="1">1</option>
            <option value="2">2</option>
          </select>
        </Field>
      )}
      {namesTags && (
        <Field label={t('inspector.sideOutput')} hint={t('inspector.sideOutputTagHint')}>
          <input
            type="text"
            className="code"
            value={edge.sideOutput ?? ''}
            placeholder={t('inspector.sideOutputNone')}
            data-testid="inspector-side-output-tag"
            onChange={(e) => update(index, { sideOutput: e.target.value === '' ? undefined : e.target.value })}
          />
        </Field>
      )}
      {mayHaveSideOutput && !namesTags && (
        <Field label={t('inspector.sideOutput')}>
          <select
            value={edge.sideOutput ?? ''}
            data-testid="inspector-side-output"
            onChange={(e) => update(index, { sideOutput: e.target.value === 'late' ? 'late' : undefined })}
          >
            <option value="">{t('inspector.sideOutputNone')}</option>
            <option value="late">late</option>
          </select>
        </Field>
      )}
      <ProblemList problems={problems} />
      <EdgeChannels source={edge.source} target={edge.target} />
      <button
        type="button"
        className="button button--danger"
        data-testid="inspector-delete"
        onClick={() => editorStore.getState().deleteSelection()}
      >
        {t('inspector.delete')}
      </button>
    </div>
  );
}

/** Edits the selected operator or edge. Keyed by the selection so drafts never leak between elements. */
export default function Inspector() {
  const t = useT();
  const selection = useEditor((s) => s.selection);
  const jobGraph = useEditor((s) => s.jobGraph);
  const located = useEditor((s) => s.located);
  const operator = selection?.type === 'operator' ? jobGraph.operators.find((op) => op.id === selection.id) : undefined;
  const edge = selection?.type === 'edge' ? jobGraph.edges[selection.index] : undefined;
  return (
    <aside className="inspector" data-testid="inspector">
      <h2 className="panel-title">
        {t('inspector.title')}
        {operator && <span className="panel-title__sub">{t('inspector.operator')}</span>}
        {edge && <span className="panel-title__sub">{t('inspector.edge')}</span>}
      </h2>
      {operator && (
        <OperatorInspector key={operator.id} operator={operator} problems={located.operators[operator.id] ?? []} />
      )}
      {edge && selection?.type === 'edge' && (
        <EdgeInspector
          key={flowEdgeId(edge, selection.index)}
          edge={edge}
          index={selection.index}
          problems={located.edges[selection.index] ?? []}
        />
      )}
      {!operator && !edge && <p className="hint">{t('inspector.nothing')}</p>}
    </aside>
  );
}
