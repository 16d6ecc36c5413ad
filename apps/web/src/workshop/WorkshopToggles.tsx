/** The toolbar's workshop controls: open the gallery, the presenter view, the plots panel. */
import { useT } from '../i18n';
import { useWorkshop } from './workshop-store';

export default function WorkshopToggles() {
  const t = useT();
  const presenter = useWorkshop((s) => s.presenter);
  const plots = useWorkshop((s) => s.plots);
  const { setGalleryOpen, setPresenter, setPlots } = useWorkshop.getState();
  return (
    <>
      <button type="button" className="button" data-testid="workshop-open" onClick={() => setGalleryOpen(true)}>
        {t('workshop.open')}
      </button>
      <label className="toolbar__toggle">
        <input
          type="checkbox"
          checked={presenter}
          data-testid="toggle-presenter"
          onChange={(e) => setPresenter(e.target.checked)}
        />
        {t('workshop.presenter')}
      </label>
      <label className="toolbar__toggle">
        <input
          type="checkbox"
          checked={plots}
          data-testid="toggle-plots"
          onChange={(e) => setPlots(e.target.checked)}
        />
        {t('plots.toggle')}
      </label>
    </>
  );
}
