export default definePageConfig({
  navigationBarTitleText: '积分商城',
  navigationBarBackgroundColor: '#3a2a1d',
  navigationBarTextStyle: 'white',
  enableShareAppMessage: true,
});
