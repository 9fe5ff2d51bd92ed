export default definePageConfig({
  navigationBarTitleText: '积分明细',
  navigationBarBackgroundColor: '#ff6a26',
  navigationBarTextStyle: 'white',
  // The list loads its next page this close to the bottom (px).
  onReachBottomDistance: 120,
});
