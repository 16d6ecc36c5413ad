import { useEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import ActionLayer from './actions/ActionLayer';
import Canvas from './components/Canvas';
import Inspector from './components/Inspector';
import Palette from './components/Palette';
import PhysicalView from './components/PhysicalView';
import Toolbar from './components/Toolbar';
import ClusterPanel from './components/panels/ClusterPanel';
import ProblemsPanel from './components/panels/ProblemsPanel';
import ResultsPanel from './components/panels/ResultsPanel';
import CheckpointsPanel from './checkpoints/CheckpointsPanel';
import ExceptionsPanel from './failover/ExceptionsPanel';
import { useT } from './i18n';
import StepControls from './step/StepControls';
import StepLog from './step/StepLog';
import StepResultsPanel from './step/StepResultsPanel';
import { useStep } from './step/step-store';
import { startSession } from './runtime/session';
import { startFileSession } from './file/file-session';
import { editorStore } from './store/app-store';
import { useEditor } from './store/app-store';
import PlotsPanel from './plots/PlotsPanel';
import './plots/plots.css';
import WorkshopGallery from './workshop/WorkshopGallery';
import WorkshopPanel from './workshop/WorkshopPanel';
import { useWorkshop } from './workshop/workshop-store';
import './workshop/workshop.css';

/** The IDE: toolbar; palette, logical canvas (and the physical view beside it), inspector; problems, results, checkpoints and exceptions, cluster below. */
export default function App() {
  const t = useT();
  const [physical, setPhysical] = useState(false);
  const [connected, setConnected] = useState(true);
  const stepping = useStep((s) => s.active);
  const dispatcherUnreachable = useEditor((s) => s.dispatcherUnreachable);
  const presenter = useWorkshop((s) => s.presenter);
  const lessonOpen = useWorkshop((s) => s.lessonId !== null);
  const plots = useWorkshop((s) => s.plots);
  useEffect(() => startSession(setConnected), []);
  useEffect(() => startFileSession(editorStore), []);
  return (
    // The palette adds nodes at the canvas's centre, so it shares the canvas's flow instance.
    <ReactFlowProvider>
      <div className={`app ${presenter ? 'app--presenter' : ''}`}>
        <Toolbar physical={physical} onTogglePhysical={() => setPhysical((p) => !p)} />
        <ActionLayer />
        <WorkshopGallery />
        {!connected && (
          <div className="notice notice--error" data-testid="disconnected">
            {t('job.disconnected')}
          </div>
        )}
        {dispatcherUnreachable && (
          // Up here, not in the results panel: Step mode replaces that panel, and Run stays in the toolbar.
          <div className="notice notice--error" data-testid="server-unreachable" role="alert">
            {t('job.serverUnreachable', { reason: dispatcherUnreachable })}
          </div>
        )}
        {stepping && <StepControls />}
        <main className={`workbench ${physical ? 'workbench--physical' : ''} ${lessonOpen ? 'workbench--lesson' : ''}`}>
          <Palette />
          <WorkshopPanel />
          <Canvas />
          {physical && <PhysicalView />}
          <Inspector />
        </main>
        {stepping ? (
          // Stepping replaces the cluster's results and slots with what the step worker shows.
          <footer className="panels">
            <ProblemsPanel />
            <StepLog />
            <StepResultsPanel />
          </footer>
        ) : (
          <footer className={`panels panels--live ${plots ? 'panels--plots' : ''}`}>
            <ProblemsPanel />
            <ResultsPanel />
            <div className="panel-stack">
              <CheckpointsPanel />
              <ExceptionsPanel />
            </div>
            <ClusterPanel />
            {plots && <PlotsPanel />}
          </footer>
        )}
      </div>
    </ReactFlowProvider>
  );
}
