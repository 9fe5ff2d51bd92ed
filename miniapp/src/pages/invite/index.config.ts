export default definePageConfig({
  navigationBarTitleText: '邀请有礼',
  navigationBarBackgroundColor: '#ff6a26',
  navigationBarTextStyle: 'white',
  enableShareAppMessage: true,
});
