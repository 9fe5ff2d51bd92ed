export default definePageConfig({
  navigationBarTitleText: '首页',
  navigationBarBackgroundColor: '#ff6a26',
  navigationBarTextStyle: 'white',
  enableShareAppMessage: true,
});
