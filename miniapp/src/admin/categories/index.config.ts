export default definePageConfig({
  navigationBarTitleText: '分类管理',
  navigationBarBackgroundColor: '#2f3542',
  navigationBarTextStyle: 'white',
});
