export default definePageConfig({
  navigationBarTitleText: '积分活动',
  navigationBarBackgroundColor: '#ff5a1f',
  navigationBarTextStyle: 'white',
});
