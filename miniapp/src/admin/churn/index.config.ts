export default definePageConfig({
  navigationBarTitleText: '流失预警',
  navigationBarBackgroundColor: '#ffffff',
  navigationBarTextStyle: 'black',
});
