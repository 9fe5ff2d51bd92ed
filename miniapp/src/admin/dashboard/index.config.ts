export default definePageConfig({
  navigationBarTitleText: '数据看板',
  navigationBarBackgroundColor: '#ffffff',
  navigationBarTextStyle: 'black',
});
