/** The gallery of lessons: one card per topic; a card opens its example and its steps beside the canvas. */
import { exampleById } from '@sluice/model';
import { useLanguage, useT } from '../i18n';
import { LESSONS } from './lessons';
import { useWorkshop } from './workshop-store';

export default function WorkshopGallery() {
  const t = useT();
  const { language } = useLanguage();
  const open = useWorkshop((s) => s.galleryOpen);
  if (!open) return null;
  const { setGalleryOpen, openLesson } = useWorkshop.getState();
  return (
    <div className="workshop-gallery__backdrop" onClick={() => setGalleryOpen(false)}>
      <div
        className="workshop-gallery"
        role="dialog"
        aria-label={t('workshop.gallery')}
        data-testid="workshop-gallery"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 className="panel-title">
          {t('workshop.gallery')}
          <button
            type="button"
            className="button button--link"
            data-testid="workshop-gallery-close"
            onClick={() => setGalleryOpen(false)}
          >
            {t('workshop.close')}
          </button>
        </h2>
        <ol className="workshop-gallery__cards">
          {LESSONS.map((lesson) => {
            const example = exampleById(lesson.exampleId);
            if (!example) return null;
            return (
              <li key={lesson.exampleId}>
                <button
                  type="button"
                  className="workshop-card"
                  data-testid={`lesson-${lesson.exampleId}`}
                  onClick={() => openLesson(lesson.exampleId)}
                >
                  <strong>{lesson.topic[language]}</strong>
                  <span>{example.title[language]}</span>
                </button>
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}
