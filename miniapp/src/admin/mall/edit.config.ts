export default definePageConfig({
  navigationBarTitleText: '编辑兑换商品',
  navigationBarBackgroundColor: '#2f3542',
  navigationBarTextStyle: 'white',
});
