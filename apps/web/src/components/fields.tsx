/**
 * Inputs that keep what the user is typing even while it is not a value yet ("", "-", "{"), and
 * commit to the store only once it parses, so the JobGraph never holds half-typed numbers or JSON.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useT } from '../i18n';

export function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      {children}
      {hint && <span className="field__hint">{hint}</span>}
    </label>
  );
}

/** Re-syncs the draft when the committed value changes from elsewhere (undo of a load, another input). */
function useDraft(committed: string, matches: (draft: string) => boolean): [string, (draft: string) => void] {
  const [draft, setDraft] = useState(committed);
  useEffect(() => {
    setDraft((current) => (matches(current) ? current : committed));
  }, [committed]); // re-sync only when the committed value changes
  return [draft, setDraft];
}

export function NumberInput(props: {
  value: number | undefined;
  optional: boolean;
  onCommit: (value: number | undefined) => void;
  testId: string;
  min?: number;
}) {
  const { value, optional, onCommit, testId, min } = props;
  const parse = (text: string): number | undefined | null => {
    if (text.trim() === '') return optional ? undefined : null;
    const n = Number(text);
    return Number.isFinite(n) ? n : null;
  };
  const [draft, setDraft] = useDraft(value === undefined ? '' : String(value), (d) => parse(d) === value);
  return (
    <input
      type="number"
      step="any"
      min={min}
      value={draft}
      data-testid={testId}
      className={parse(draft) === null ? 'input--invalid' : ''}
      onChange={(e) => {
        setDraft(e.target.value);
        const parsed = parse(e.target.value);
        if (parsed !== null) onCommit(parsed);
      }}
    />
  );
}

export function JsonInput(props: {
  value: unknown;
  optional: boolean;
  onCommit: (value: unknown) => void;
  testId: string;
}) {
  const t = useT();
  const { value, optional, onCommit, testId } = props;
  const committed = value === undefined ? '' : JSON.stringify(value, null, 2);
  const parse = (text: string): { ok: true; value: unknown } | { ok: false; reason: string } => {
    if (text.trim() === '' && optional) return { ok: true, value: undefined };
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  };
  const [draft, setDraft] = useDraft(committed, (d) => {
    const parsed = parse(d);
    return parsed.ok && JSON.stringify(parsed.value) === JSON.stringify(value);
  });
  const parsed = parse(draft);
  return (
    <>
      <textarea
        className={`code ${parsed.ok ? '' : 'input--invalid'}`}
        rows={Math.min(12, Math.max(3, draft.split('\n').length))}
        spellCheck={false}
        value={draft}
        data-testid={testId}
        onChange={(e) => {
          setDraft(e.target.value);
          const next = parse(e.target.value);
          if (next.ok) onCommit(next.value);
        }}
      />
      {!parsed.ok && <span className="field__error">{t('inspector.badJson', { reason: parsed.reason })}</span>}
    </>
  );
}
