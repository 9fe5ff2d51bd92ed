export default definePageConfig({
  navigationBarTitleText: '积分审核',
  navigationBarBackgroundColor: '#ffffff',
  navigationBarTextStyle: 'black',
});
