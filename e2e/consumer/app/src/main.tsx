import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';

const query = new URLSearchParams(location.search);
const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App
      user={query.get('user') ?? 'alice'}
      server={query.get('server') ?? 'ws://127.0.0.1:5062'}
    />
  </StrictMode>,
);
