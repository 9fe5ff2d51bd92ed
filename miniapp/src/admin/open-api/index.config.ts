export default definePageConfig({
  navigationBarTitleText: '开放接口',
  navigationBarBackgroundColor: '#ffffff',
  navigationBarTextStyle: 'black',
});
