import type { Problem } from '@sluice/protocol';
import { useT } from '../../i18n';
import { editorStore, useEditor } from '../../store/app-store';
import ProblemText from '../ProblemText';

/** Every validation problem with its JSON path; clicking one selects the operator or edge it is about. */
export default function ProblemsPanel() {
  const t = useT();
  const jobGraph = useEditor((s) => s.jobGraph);
  const located = useEditor((s) => s.located);
  const problems = useEditor((s) => s.problems);
  const planError = useEditor((s) => s.planError);
  const serverProblems = useEditor((s) => s.serverProblems);

  const rows: { problem: Problem; where: string; select: (() => void) | null }[] = [
    ...located.graph.map((problem) => ({ problem, where: t('problems.graph'), select: null })),
    ...Object.entries(located.operators).flatMap(([id, list]) =>
      list.map((problem) => ({
        problem,
        where: id,
        select: () => editorStore.getState().select({ type: 'operator', id }),
      })),
    ),
    ...Object.entries(located.edges).flatMap(([index, list]) => {
      const edge = jobGraph.edges[Number(index)]!;
      return list.map((problem) => ({
        problem,
        where: `${edge.source} → ${edge.target}`,
        select: () => editorStore.getState().select({ type: 'edge', index: Number(index) }),
      }));
    }),
  ];

  return (
    <section className="panel" data-testid="problems-panel">
      <h2 className="panel-title">
        {t('panel.problems')}{' '}
        <span className="badge" data-testid="problems-count">
          {problems.length}
        </span>
      </h2>
      {problems.length === 0 && !planError && <p className="hint ok">{t('problems.none')}</p>}
      {planError && <p className="error">{t('physical.planError', { reason: planError })}</p>}
      <ul className="problems">
        {rows.map(({ problem, where, select }, i) => (
          <li key={i} data-testid="problem">
            <button type="button" className="button button--link" disabled={!select} onClick={() => select?.()}>
              {where}
            </button>{' '}
            <ProblemText problem={problem} named={false} />
          </li>
        ))}
      </ul>
      {serverProblems.length > 0 && (
        <>
          <h3>{t('problems.server')}</h3>
          <ul className="problems">
            {serverProblems.map((p, i) => (
              <li key={i} data-testid="server-problem">
                <ProblemText problem={p} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
