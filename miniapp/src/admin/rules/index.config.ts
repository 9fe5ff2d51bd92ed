export default definePageConfig({
  navigationBarTitleText: '积分规则',
  navigationBarBackgroundColor: '#2f3542',
  navigationBarTextStyle: 'white',
});
