import { useTabs } from '@sipkit/react';

const SHOWN = {
  owner: { text: 'Phone: this tab', title: 'This tab runs the phone for every tab of the dialer.' },
  follower: {
    text: 'Phone: another tab',
    title: 'Another tab of the dialer runs the phone; calls ring and can be answered here too.',
  },
  pending: { text: 'Phone: joining…', title: 'Finding the tab that runs the phone.' },
} as const;

/**
 * Which tab runs the phone, shown small in the top bar: the dialer shares one registration among
 * its tabs (`tabs={sharedTabs}`), so a person with several tabs open can tell where the phone is.
 * Nothing in single mode, unless sharing was asked for and the browser cannot: then why.
 *
 * @example <header><RegistrationBadge /><TabRole /></header>
 */
export function TabRole() {
  const { mode, role, reason } = useTabs();
  if (mode === 'single') {
    if (reason === undefined) return null;
    return (
      <span className="tab-role" data-role="single" title={reason}>
        Phone: this tab only
      </span>
    );
  }
  const shown = SHOWN[role];
  return (
    <span className="tab-role" data-role={role} title={shown.title}>
      {shown.text}
    </span>
  );
}
