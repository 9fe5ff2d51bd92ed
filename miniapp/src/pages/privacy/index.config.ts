export default definePageConfig({
  navigationBarTitleText: '隐私政策',
  navigationBarBackgroundColor: '#ffffff',
  navigationBarTextStyle: 'black',
});
