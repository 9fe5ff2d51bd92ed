import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { session } from './store/session';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Sign-in never blocks browsing: pages render at once and follow the session when it settles.
    void session.start();
  });

  // children are the pages being rendered
  return children;
}

export default App;
