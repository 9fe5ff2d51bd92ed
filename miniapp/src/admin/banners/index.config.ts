export default definePageConfig({
  navigationBarTitleText: '首页横幅',
  navigationBarBackgroundColor: '#2f3542',
  navigationBarTextStyle: 'white',
});
