/**
 * A fresh React root for every test of a jsdom file: a container attached to the document before each test,
 * unmounted and removed after, so component tests read the real DOM and never see the previous test's tree.
 */
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';
import { useLanguage, type Language } from '../../src/i18n';

// Tells React that updates are wrapped in act(), so it flushes them before an assertion reads the DOM.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface ReactRootPerTest {
  readonly container: HTMLDivElement;
  readonly root: Root;
  byTestId(id: string): HTMLElement | null;
}

/**
 * Registers the mount and teardown hooks; call it at the top of a test file. `language` is set before the
 * first render, and `render` (if given) is mounted inside act() before each test.
 */
export function reactRootPerTest(options: { language?: Language; render?: () => ReactNode } = {}): ReactRootPerTest {
  let container: HTMLDivElement | undefined;
  let root: Root | undefined;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    const mounted = createRoot(container);
    root = mounted;
    if (options.language) useLanguage.getState().setLanguage(options.language);
    const { render } = options;
    if (render) act(() => mounted.render(render()));
  });
  afterEach(() => {
    const mounted = root;
    if (mounted) act(() => mounted.unmount());
    container?.remove();
    container = undefined;
    root = undefined;
  });
  const mountedContainer = (): HTMLDivElement => {
    if (!container) throw new Error('reactRootPerTest: the container exists only while a test runs');
    return container;
  };
  return {
    get container() {
      return mountedContainer();
    },
    get root() {
      if (!root) throw new Error('reactRootPerTest: the root exists only while a test runs');
      return root;
    },
    byTestId: (id) => mountedContainer().querySelector<HTMLElement>(`[data-testid="${id}"]`),
  };
}
