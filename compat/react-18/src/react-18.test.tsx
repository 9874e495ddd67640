import { SipProvider } from '@sipkit/react';
import { RegistrationBadge } from '@sipkit/ui';
import { composeStories } from '@storybook/react';
import { render, screen } from '@testing-library/react';
import { useId, version as reactVersion } from 'react';
import { version as reactDomVersion } from 'react-dom';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { expectOnlyReact18 } from './loaded-react.js';

describe('React 18', () => {
  it('is the React and react-dom these tests import', () => {
    expect(reactVersion).toMatch(/^18\.3\./);
    expect(reactDomVersion).toMatch(/^18\.3\./);
  });

  it('is the one React that zustand, Testing Library, Storybook and the library render with', () => {
    const store = createStore(() => ({ greeting: 'hello' }));
    function Greeting() {
      return <p id={useId()}>{useStore(store, (state) => state.greeting)}</p>;
    }
    const { Story } = composeStories({ default: { component: Greeting }, Story: {} });
    render(<Story />);
    expect(screen.getByText('hello')).toBeTruthy();
    // Server rendering creates no UA, so an empty socket list is fine here.
    const html = renderToString(
      <SipProvider config={{ uri: 'sip:alice@example.com', sockets: [] }}>
        <RegistrationBadge />
      </SipProvider>,
    );
    expect(html).toContain('Offline');
    expectOnlyReact18();
  });
});
