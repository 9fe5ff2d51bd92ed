export default definePageConfig({
  navigationBarTitleText: '会员详情',
  navigationBarBackgroundColor: '#ffffff',
  navigationBarTextStyle: 'black',
});
