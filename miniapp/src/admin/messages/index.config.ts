export default definePageConfig({
  navigationBarTitleText: '消息通知',
  navigationBarBackgroundColor: '#ffffff',
  navigationBarTextStyle: 'black',
});
