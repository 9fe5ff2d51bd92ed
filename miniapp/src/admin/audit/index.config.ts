export default definePageConfig({
  navigationBarTitleText: '审计日志',
  navigationBarBackgroundColor: '#2f3542',
  navigationBarTextStyle: 'white',
  onReachBottomDistance: 120,
});
