/**
 * Workshop mode's state: the open lesson and the steps done, the presenter view and the plots panel.
 * The view choices are remembered in localStorage so the projector machine keeps them across reloads.
 */
import { create } from 'zustand';
import { exampleById } from '@sluice/model';
import { editorStore } from '../store/app-store';
import { exampleJobGraph } from '../file/example-graph';
import { useLanguage } from '../i18n';

export const WORKSHOP_STORAGE_KEY = 'sluice.workshop';

interface RememberedView {
  presenter: boolean;
  plots: boolean;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage can be disabled; the view then starts plain every time
  }
}

function rememberedView(): RememberedView {
  try {
    const saved = JSON.parse(storage()?.getItem(WORKSHOP_STORAGE_KEY) ?? '{}') as Partial<RememberedView>;
    return { presenter: saved.presenter === true, plots: saved.plots === true };
  } catch {
    return { presenter: false, plots: false }; // an unreadable entry is forgotten, not an error
  }
}

interface WorkshopState extends RememberedView {
  galleryOpen: boolean;
  /** The example id of the open lesson; null when none is open. */
  lessonId: string | null;
  /** The job in the store when the lesson opened: the steps' checks ignore it, it ran before the lesson. */
  jobBeforeLesson: string | null;
  /** Indices of the lesson's steps that are done: once a step's check held, it stays ticked. */
  done: number[];
  setGalleryOpen: (open: boolean) => void;
  openLesson: (exampleId: string) => void;
  closeLesson: () => void;
  markDone: (steps: number[]) => void;
  toggleDone: (step: number) => void;
  setPresenter: (presenter: boolean) => void;
  setPlots: (plots: boolean) => void;
}

export const useWorkshop = create<WorkshopState>()((set, get) => {
  const remember = (patch: Partial<RememberedView>) => {
    const next = { presenter: get().presenter, plots: get().plots, ...patch };
    storage()?.setItem(WORKSHOP_STORAGE_KEY, JSON.stringify(next));
    set(next);
  };
  return {
    ...rememberedView(),
    galleryOpen: false,
    lessonId: null,
    jobBeforeLesson: null,
    done: [],
    setGalleryOpen: (galleryOpen) => set({ galleryOpen }),
    openLesson: (exampleId) => {
      const example = exampleById(exampleId);
      if (!example) return;
      editorStore.getState().loadJobGraph(exampleJobGraph(example, useLanguage.getState().language));
      set({
        lessonId: exampleId,
        jobBeforeLesson: editorStore.getState().job?.jobId ?? null,
        done: [],
        galleryOpen: false,
      });
    },
    closeLesson: () => set({ lessonId: null, done: [] }),
    markDone: (steps) => {
      const added = steps.filter((s) => !get().done.includes(s));
      if (added.length > 0) set({ done: [...get().done, ...added].sort((a, b) => a - b) });
    },
    toggleDone: (step) =>
      set({
        done: get().done.includes(step)
          ? get().done.filter((s) => s !== step)
          : [...get().done, step].sort((a, b) => a - b),
      }),
    setPresenter: (presenter) => remember({ presenter }),
    setPlots: (plots) => remember({ plots }),
  };
});
