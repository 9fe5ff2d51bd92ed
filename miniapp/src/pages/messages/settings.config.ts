export default definePageConfig({
  navigationBarTitleText: '消息设置',
  navigationBarBackgroundColor: '#ffffff',
  navigationBarTextStyle: 'black',
});
