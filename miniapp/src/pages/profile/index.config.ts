export default definePageConfig({
  navigationBarTitleText: '个人资料',
  navigationBarBackgroundColor: '#ffffff',
  navigationBarTextStyle: 'black',
});
