export default definePageConfig({
  navigationBarTitleText: '优惠券',
  navigationBarBackgroundColor: '#2f3542',
  navigationBarTextStyle: 'white',
});
