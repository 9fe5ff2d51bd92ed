export default definePageConfig({
  navigationBarTitleText: '修改规则',
  navigationBarBackgroundColor: '#2f3542',
  navigationBarTextStyle: 'white',
});
