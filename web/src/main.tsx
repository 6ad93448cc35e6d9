import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { unstableSetRender } from 'antd';
import { App } from './App.js';
import { initialLang, switchLanguage } from './i18n/index.js';
import './styles.css';

// antd 5's pop-ups (message, Modal.confirm) render through this on React 19.
unstableSetRender((node, container) => {
  const el = container as Element & { _lxRoot?: ReturnType<typeof createRoot> };
  el._lxRoot ??= createRoot(el);
  const root = el._lxRoot;
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    delete el._lxRoot;
  };
});

function mount() {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// Load the remembered language before the first paint (no flash of 简体中文).
switchLanguage(initialLang()).then(mount, mount);
