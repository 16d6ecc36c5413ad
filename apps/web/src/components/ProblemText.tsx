import type { Problem } from '@sluice/protocol';
import { problemSubject } from '../graph/problems';
import { useT } from '../i18n';
import { useEditor } from '../store/app-store';

/**
 * A problem as people read it: the operator or edge it is about by name first, then the reason, then the JSON
 * path (what `sluice validate` and the REST answer name), e.g. `operator "map1": … ($.operators[1].params.fn)`.
 * `named={false}` where the row already names its subject.
 */
export default function ProblemText({ problem, named = true }: { problem: Problem; named?: boolean }) {
  const t = useT();
  const jobGraph = useEditor((s) => s.jobGraph);
  const subject = named ? problemSubject(jobGraph, problem.path) : null;
  const name =
    subject === null
      ? null
      : subject.type === 'operator'
        ? t('problems.operator', { id: subject.id })
        : t('problems.edge', { source: subject.source, target: subject.target });
  return (
    <>
      {name !== null && <strong className="problem__subject">{name}: </strong>}
      {problem.message} <code>({problem.path || t('problems.root')})</code>
    </>
  );
}
