import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { watchEngine } from './engine-watch';
import './styles.css';

watchEngine();

// Fault injection for the e2e suite, in a VITE_FAULTS=1 build only (fault-hook.ts).
if (import.meta.env.VITE_FAULTS === '1') void import('./fault-hook');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
