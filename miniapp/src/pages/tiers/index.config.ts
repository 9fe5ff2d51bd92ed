export default definePageConfig({
  navigationBarTitleText: '会员等级',
  navigationBarBackgroundColor: '#3a2a1d',
  navigationBarTextStyle: 'white',
});
