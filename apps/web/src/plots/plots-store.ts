/** The live plots' series, fed from the same runtime events as the editor store; `version` ticks on every change so charts redraw. */
import { create } from 'zustand';
import type { RuntimeEvent } from '@sluice/protocol';
import { applyPlotEvent, emptyPlotSeries, type PlotSeries } from './series';

interface PlotsState {
  plots: PlotSeries;
  version: number;
  plotEvent: (event: RuntimeEvent) => void;
  /** A resubscription replays the job from its start: the series restart so nothing is plotted twice. */
  reset: () => void;
}

export const usePlots = create<PlotsState>()((set, get) => ({
  plots: emptyPlotSeries(),
  version: 0,
  plotEvent: (event) => {
    const plots = applyPlotEvent(get().plots, event);
    set({ plots, version: get().version + 1 });
  },
  reset: () => set({ plots: emptyPlotSeries(), version: get().version + 1 }),
}));
