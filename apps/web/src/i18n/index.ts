/**
 * Every user-visible string goes through t(): the UI speaks English and Chinese, and the choice
 * is remembered in localStorage so a workshop machine keeps its language across reloads.
 */
import { create } from 'zustand';
import { en, type MessageKey } from './en';
import { zh } from './zh';

export type Language = 'en' | 'zh';
export const LANGUAGES: readonly Language[] = ['en', 'zh'];
export const CATALOGUES: Record<Language, Record<MessageKey, string>> = { en, zh };
export const LANGUAGE_STORAGE_KEY = 'sluice.language';

export type MessageParams = Record<string, string | number>;

export function translate(language: Language, key: MessageKey, params: MessageParams = {}): string {
  return CATALOGUES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage can be disabled (privacy mode); the UI still works, it just forgets
  }
}

function initialLanguage(): Language {
  const saved = storage()?.getItem(LANGUAGE_STORAGE_KEY);
  if (saved === 'en' || saved === 'zh') return saved;
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

interface LanguageState {
  language: Language;
  setLanguage: (language: Language) => void;
}

export const useLanguage = create<LanguageState>()((set) => ({
  language: initialLanguage(),
  setLanguage: (language) => {
    storage()?.setItem(LANGUAGE_STORAGE_KEY, language);
    if (typeof document !== 'undefined') document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    set({ language });
  },
}));

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** t() for the current language; components re-render when the language changes. */
export function useT(): Translate {
  const language = useLanguage((s) => s.language);
  return (key, params) => translate(language, key, params);
}

export type { MessageKey };
