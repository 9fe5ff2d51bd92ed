export default definePageConfig({
  navigationBarTitleText: '消息中心',
  navigationBarBackgroundColor: '#ffffff',
  navigationBarTextStyle: 'black',
});
