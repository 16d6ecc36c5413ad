/** A failure's typed cause (@sluice/protocol's FailureCause) in the reader's language: what kind of failure it was. */
import type { FailureCause } from '@sluice/protocol';
import type { Translate } from '../i18n';

export function describeFailureCause(t: Translate, cause: FailureCause): string {
  switch (cause.kind) {
    case 'no-resource-available':
      return t('failure.noResourceAvailable');
    case 'taskmanager-lost':
      return t('failure.taskManagerLost', {
        id: cause.taskManagerId,
        detection: t(
          cause.detection === 'process-exit'
            ? 'failure.detection.processExit'
            : cause.detection === 'heartbeat-timeout'
              ? 'failure.detection.heartbeatTimeout'
              : 'failure.detection.unregistered',
        ),
      });
    case 'user-code-exception':
      return t('failure.userCodeException', { operator: cause.operatorId });
    case 'task-exception':
      return t('failure.taskException');
    case 'corrupt-checkpoint':
      return t('failure.corruptCheckpoint', { id: cause.checkpointId });
    case 'restart-failure':
      return t('failure.restartFailure');
  }
}
