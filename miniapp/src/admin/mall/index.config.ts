export default definePageConfig({
  navigationBarTitleText: '积分商城管理',
  navigationBarBackgroundColor: '#2f3542',
  navigationBarTextStyle: 'white',
});
