export default definePageConfig({
  navigationBarTitleText: '积分活动',
  navigationBarBackgroundColor: '#2f3542',
  navigationBarTextStyle: 'white',
});
