export default definePageConfig({
  navigationBarTitleText: '编辑商品',
  navigationBarBackgroundColor: '#2f3542',
  navigationBarTextStyle: 'white',
});
