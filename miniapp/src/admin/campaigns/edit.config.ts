export default definePageConfig({
  navigationBarTitleText: '新建活动',
  navigationBarBackgroundColor: '#2f3542',
  navigationBarTextStyle: 'white',
});
