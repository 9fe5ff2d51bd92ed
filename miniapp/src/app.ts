import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import './components/Icon/configure';
import { session } from './store/session';
import { invites } from './store/invite';
import './app.scss';

/** H5: the query of the hash route the app was opened with (`/#/pages/index/index?inv=CODE`). */
function h5LaunchQuery(): Record<string, string> {
  if (process.env.TARO_ENV !== 'h5' || typeof location === 'undefined') return {};
  const hash = location.hash ?? '';
  const query = hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : location.search.replace(/^\?/, '');
  return Object.fromEntries(new URLSearchParams(query));
}

function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    invites.start();
    // An invite link or code the app was opened with is remembered until the member signs in.
    invites.capture(process.env.TARO_ENV === 'h5' ? h5LaunchQuery() : (options?.query as Record<string, string> | undefined));
    // Sign-in never blocks browsing: pages render at once and follow the session when it settles.
    void session.start();
  });

  // children are the pages being rendered
  return children;
}

export default App;
