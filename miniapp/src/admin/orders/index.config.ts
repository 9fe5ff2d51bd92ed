export default definePageConfig({
  navigationBarTitleText: '订单管理',
  navigationBarBackgroundColor: '#2f3542',
  navigationBarTextStyle: 'white',
});
