export default definePageConfig({
  navigationBarTitleText: '领券中心',
  navigationBarBackgroundColor: '#ff5a1f',
  navigationBarTextStyle: 'white',
});
