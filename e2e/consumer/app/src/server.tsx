// Server-side rendering with react-dom/server, built by `vite build --ssr`: the provider must
// render its markup and open no socket (the UA starts after mount, which a server never does).
import { renderToString } from 'react-dom/server';
import { App } from './app.js';

let sockets = 0;
globalThis.WebSocket = class {
  constructor() {
    sockets += 1;
    throw new Error('a WebSocket was opened during server rendering');
  }
} as unknown as typeof WebSocket;

const html = renderToString(<App user="alice" server="ws://127.0.0.1:9" />);
console.log(JSON.stringify({ html, sockets }));
