export default definePageConfig({
  navigationBarTitleText: '积分负债',
  navigationBarBackgroundColor: '#ffffff',
  navigationBarTextStyle: 'black',
});
