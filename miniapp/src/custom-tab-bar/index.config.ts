// WeChat needs the tab bar to be a component; apply-shared lets app-wide styles (NutUI icons) reach it.
export default {
  component: true,
  styleIsolation: 'apply-shared',
};
