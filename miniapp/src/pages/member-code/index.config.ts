export default definePageConfig({
  navigationBarTitleText: '会员码',
  navigationBarBackgroundColor: '#ff5a1f',
  navigationBarTextStyle: 'white',
});
