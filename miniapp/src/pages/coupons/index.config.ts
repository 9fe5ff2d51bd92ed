export default definePageConfig({
  navigationBarTitleText: '我的优惠券',
  navigationBarBackgroundColor: '#ffffff',
  navigationBarTextStyle: 'black',
});
