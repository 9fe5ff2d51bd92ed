export default definePageConfig({
  navigationBarTitleText: '发券记录与效果',
  navigationBarBackgroundColor: '#ffffff',
  navigationBarTextStyle: 'black',
});
