export default definePageConfig({
  navigationBarTitleText: '每日签到',
  navigationBarBackgroundColor: '#ff6a26',
  navigationBarTextStyle: 'white',
  enableShareAppMessage: true,
});
