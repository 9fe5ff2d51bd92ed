export default definePageConfig({
  navigationBarTitleText: '订单详情',
  navigationBarBackgroundColor: '#ff6a26',
  navigationBarTextStyle: 'white',
});
