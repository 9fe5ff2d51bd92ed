export default definePageConfig({
  navigationBarTitleText: '分群与标签',
});
