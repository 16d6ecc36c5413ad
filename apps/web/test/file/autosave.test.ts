// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exampleById, type JobGraph } from '@sluice/model';
import { AUTOSAVE_KEY, autosavedJobGraph, startAutosave } from '../../src/file/autosave';
import { serializeJobGraph } from '../../src/file/jobgraph-file';
import { createEditorStore } from '../../src/store/editor';

const wordcount = (): JobGraph => structuredClone(exampleById('wordcount')!.jobGraph);

describe('autosave to localStorage', () => {
  afterEach(() => {
    localStorage.clear();
    vi.useRealTimers();
  });

  it('has nothing to restore in a fresh browser, so the editor opens its example', () => {
    expect(autosavedJobGraph()).toBeUndefined();
  });

  it('saves the graph after a pause in editing, in the stable file format, and restores it', () => {
    vi.useFakeTimers();
    const store = createEditorStore(wordcount());
    const stop = startAutosave(store);
    store.getState().renameJob('mine');
    store.getState().updateOperator('tokenize', { parallelism: 4 });
    expect(localStorage.getItem(AUTOSAVE_KEY)).toBeNull();
    vi.advanceTimersByTime(300);
    expect(localStorage.getItem(AUTOSAVE_KEY)).toBe(serializeJobGraph(store.getState().jobGraph));
    expect(autosavedJobGraph()).toEqual(store.getState().jobGraph);
    stop();
    store.getState().renameJob('after stop');
    vi.advanceTimersByTime(1000);
    expect(autosavedJobGraph()?.name).toBe('mine');
  });

  it('ignores a stored value that is no longer a JobGraph', () => {
    localStorage.setItem(AUTOSAVE_KEY, '{"version": 2}');
    expect(autosavedJobGraph()).toBeUndefined();
  });
});
