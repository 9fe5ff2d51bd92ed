export default definePageConfig({
  navigationBarTitleText: '我的兑换',
  navigationBarBackgroundColor: '#ffffff',
  navigationBarTextStyle: 'black',
});
