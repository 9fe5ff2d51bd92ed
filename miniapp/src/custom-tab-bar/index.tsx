import { TabBar } from '../components/TabBar';

/** WeChat's custom tab bar slot (app.config tabBar.custom); H5 pages draw the same bar via TabBarSlot. */
export default function CustomTabBar() {
  return <TabBar />;
}
