export default definePageConfig({
  navigationBarTitleText: '会员',
  navigationBarBackgroundColor: '#ffffff',
  navigationBarTextStyle: 'black',
});
