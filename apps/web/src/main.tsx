import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
// Chinese labels on a machine without a CJK font: the browser fetches this face only for glyphs no system font has.
import '@fontsource/noto-sans-sc/chinese-simplified-400.css';
import './styles.css';
import App from './App';
import { useLanguage } from './i18n';

document.documentElement.lang = useLanguage.getState().language === 'zh' ? 'zh-CN' : 'en';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
