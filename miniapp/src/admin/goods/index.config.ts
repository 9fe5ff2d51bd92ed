export default definePageConfig({
  navigationBarTitleText: '商品管理',
  navigationBarBackgroundColor: '#2f3542',
  navigationBarTextStyle: 'white',
});
