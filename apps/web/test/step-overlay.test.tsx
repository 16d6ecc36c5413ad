// @vitest-environment jsdom
/**
 * The step drawings in the DOM, fed the state the worker would send (a real StepController on the
 * out-of-order example, §8 Ex 1 data), without a worker: what a node and the log show at the first firing.
 */
// First: the realm's own typed arrays back before the engine loads SES (see the module).
import './support/node-typed-arrays';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exampleById } from '@sluice/model';
import { useLanguage } from '../src/i18n';
import NodeStepOverlay from '../src/step/NodeStepOverlay';
import StepLog from '../src/step/StepLog';
import StepResultsPanel from '../src/step/StepResultsPanel';
import { StepController } from '../src/step/step-controller';
import { stepStore } from '../src/step/step-store';
import { editorStore } from '../src/store/app-store';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;
const text = (id: string) => container.querySelector(`[data-testid="${id}"]`)?.textContent;

beforeEach(() => {
  useLanguage.getState().setLanguage('en');
  editorStore.getState().loadJobGraph(structuredClone(exampleById('out-of-order-tumbling')!.jobGraph));
  const controller = new StepController(editorStore.getState().jobGraph, 3);
  const outcome = controller.advance({ type: 'breakpoint', breakpoints: [{ type: 'windowFired' }] }, 10_000);
  stepStore.getState().activate();
  stepStore.getState().stateReceived({
    stepCount: controller.stepCount,
    snapshot: controller.snapshot(),
    result: controller.result(),
    ended: false,
    logFrom: 0,
    events: outcome.events,
    stoppedBy: outcome.stoppedBy,
    hit: outcome.hit,
  });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() =>
    root.render(
      <>
        <NodeStepOverlay operatorId="window" />
        <NodeStepOverlay operatorId="watermarks" />
        <StepLog />
        <StepResultsPanel />
      </>,
    ),
  );
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  stepStore.getState().deactivate();
});

describe('step drawings', () => {
  it("show the window subtask's watermark 5, its input channel, its timer and open window, highlighted as the last step's", () => {
    expect(text('step-watermark-window-0')).toBe('5');
    expect(text('step-input-watermark-window-0-0')).toBe('watermarks#0: 5');
    expect(container.querySelector('[data-testid="step-subtask-window-0"]')!.className).toContain(
      'step-subtask--moved',
    );
    expect(text('step-timers-window')).toBe('timers9 s1');
    expect(text('step-window-window')).toBe('[5,10) s1 = 6 (2 elements)');
  });

  it('log the firing step first with its effects, and list the window result', () => {
    const entries = container.querySelectorAll('[data-testid="step-log-entry"]');
    expect(entries).toHaveLength(stepStore.getState().stepCount);
    expect(entries[0]!.textContent).toBe(
      `${stepStore.getState().stepCount}WM 5readings#0 → window#0watermark of window#0 → 5window fires [0,5) = 4`,
    );
    expect(text('step-fired')).toBe(`[0,5) s1 = 4 window, step ${stepStore.getState().stepCount}`);
    expect(text('step-sink-results')).toContain('{"key":"s1","start":0,"end":5,"value":4}');
  });

  it('speak Chinese when the UI does', () => {
    act(() => useLanguage.getState().setLanguage('zh'));
    expect(text('step-timers-window')).toBe('定时器9 s1');
    expect(container.querySelector('[data-testid="step-fired"]')!.textContent).toContain('第');
  });
});
