// @vitest-environment jsdom
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { exampleById } from '@sluice/model';
import Inspector from '../../src/components/Inspector';
import { paramFields } from '../../src/graph/param-fields';
import { editorStore } from '../../src/store/app-store';
import { reactRootPerTest } from '../support/react-root';

const dom = reactRootPerTest({ language: 'en' });

const input = (id: string) => dom.container.querySelector<HTMLInputElement>(`[data-testid="${id}"]`);

/** Types as a user does: React listens to the native input event. */
function type(element: HTMLInputElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(element, value);
  element.dispatchEvent(new Event('input', { bubbles: true }));
}

const operator = (id: string) => editorStore.getState().jobGraph.operators.find((op) => op.id === id)!;

beforeEach(() => {
  act(() => {
    editorStore.getState().loadJobGraph(structuredClone(exampleById('backpressure-slow-sink')!.jobGraph));
    dom.root.render(<Inspector />);
  });
});

describe('inspector settings that create backpressure and skew', () => {
  it('offers slowdownMs on every operator, and clearing it removes it from the JobGraph', () => {
    act(() => editorStore.getState().select({ type: 'operator', id: 'slow-sink' }));
    expect(input('inspector-slowdown')?.value).toBe('2');
    act(() => type(input('inspector-slowdown')!, '0.5'));
    expect(operator('slow-sink').slowdownMs).toBe(0.5);
    act(() => type(input('inspector-slowdown')!, ''));
    expect('slowdownMs' in operator('slow-sink')).toBe(false);

    act(() => editorStore.getState().select({ type: 'operator', id: 'generator' }));
    expect(input('inspector-slowdown')?.value).toBe('');
    act(() => type(input('inspector-slowdown')!, '3'));
    expect(operator('generator').slowdownMs).toBe(3);
  });

  it("builds the datagen source's key-skew field from the catalogue", () => {
    expect(paramFields('source.datagen').find((f) => f.name === 'keySkew')).toEqual({
      name: 'keySkew',
      optional: true,
      widget: 'number',
    });
    act(() => editorStore.getState().select({ type: 'operator', id: 'generator' }));
    expect(input('inspector-param-keySkew')?.type).toBe('number');
    act(() => type(input('inspector-param-keySkew')!, '0.8'));
    expect(operator('generator').params?.keySkew).toBe(0.8);
    expect(editorStore.getState().problems).toEqual([]);
    act(() => type(input('inspector-param-keySkew')!, '1.5'));
    expect(editorStore.getState().problems).toEqual([
      { path: '$.operators[0].params.keySkew', message: 'must be at most 1, not 1.5' },
    ]);
  });
});
