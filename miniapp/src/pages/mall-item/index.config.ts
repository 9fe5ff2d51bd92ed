export default definePageConfig({
  navigationBarTitleText: '兑换详情',
  navigationBarBackgroundColor: '#ffffff',
  navigationBarTextStyle: 'black',
  enableShareAppMessage: true,
});
