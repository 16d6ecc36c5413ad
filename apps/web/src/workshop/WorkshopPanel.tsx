/**
 * The open lesson beside the canvas: its explanation and guided steps. The current step (the first not
 * done) highlights what it talks about on the canvas; a step whose check holds is ticked.
 */
import { useEffect } from 'react';
import { exampleById } from '@sluice/model';
import { useLanguage, useT } from '../i18n';
import { useEditor } from '../store/app-store';
import { lessonById, sinceLessonOpened, targetSelector } from './lessons';
import { useWorkshop } from './workshop-store';

export default function WorkshopPanel() {
  const t = useT();
  const { language } = useLanguage();
  const lessonId = useWorkshop((s) => s.lessonId);
  const done = useWorkshop((s) => s.done);
  const jobBeforeLesson = useWorkshop((s) => s.jobBeforeLesson);
  const lesson = lessonId === null ? undefined : lessonById(lessonId);
  // A string, so the panel re-renders only when a check's answer changes, not on every metrics frame.
  const checks = useEditor((s) => {
    if (!lesson) return '';
    const state = sinceLessonOpened(s, jobBeforeLesson);
    return lesson.steps.map((step) => (step.done?.(state) ? '1' : '0')).join('');
  });
  useEffect(() => {
    const passed = [...checks].flatMap((c, i) => (c === '1' ? [i] : []));
    useWorkshop.getState().markDone(passed);
  }, [checks]);

  const example = lesson ? exampleById(lesson.exampleId) : undefined;
  if (!lesson || !example) return null;
  const current = lesson.steps.findIndex((_, i) => !done.includes(i));
  const currentStep = current === -1 ? undefined : lesson.steps[current];
  const { closeLesson, toggleDone } = useWorkshop.getState();

  return (
    <aside className="workshop-panel" data-testid="workshop-panel" aria-label={t('workshop.lesson')}>
      {currentStep && (
        <style>{`${targetSelector(currentStep.target)} { outline: 4px solid var(--workshop-highlight); outline-offset: 3px; }`}</style>
      )}
      <h2 className="panel-title">
        {lesson.topic[language]}
        <button type="button" className="button button--link" data-testid="workshop-close" onClick={closeLesson}>
          {t('workshop.close')}
        </button>
      </h2>
      <h3 className="workshop-panel__title">{example.title[language]}</h3>
      <p className="workshop-panel__explanation" data-testid="workshop-explanation">
        {example.description[language]}
      </p>
      <h3 className="workshop-panel__title">{t('workshop.steps')}</h3>
      <ol className="workshop-steps">
        {lesson.steps.map((step, i) => {
          const isDone = done.includes(i);
          return (
            <li
              key={i}
              className={`workshop-step ${isDone ? 'workshop-step--done' : ''} ${i === current ? 'workshop-step--current' : ''}`}
              data-testid={`workshop-step-${i}`}
              data-done={isDone}
            >
              <label>
                <input
                  type="checkbox"
                  checked={isDone}
                  onChange={() => toggleDone(i)}
                  aria-label={t('workshop.stepDone')}
                />
                {step.text[language]}
              </label>
            </li>
          );
        })}
      </ol>
      {current === -1 && (
        <p className="workshop-panel__complete" data-testid="workshop-complete">
          {t('workshop.complete')}
        </p>
      )}
    </aside>
  );
}
