export default definePageConfig({
  navigationBarTitleText: '我的',
  navigationBarBackgroundColor: '#ff6a26',
  navigationBarTextStyle: 'white',
  enableShareAppMessage: true,
});
