export default definePageConfig({
  navigationBarTitleText: '店员与权限',
  navigationBarBackgroundColor: '#2f3542',
  navigationBarTextStyle: 'white',
});
