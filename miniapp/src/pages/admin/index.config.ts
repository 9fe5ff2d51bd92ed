export default definePageConfig({
  navigationBarTitleText: '运营管理',
  navigationBarBackgroundColor: '#2f3542',
  navigationBarTextStyle: 'white',
  enableShareAppMessage: true,
});
