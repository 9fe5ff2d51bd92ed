/**
 * How 收货地址 takes the province / city / district: WeChat's native region picker
 * (`<Picker mode='region'>`) in the mini-program; three plain inputs on H5, where Taro's
 * Picker has no region data.
 */
export const regionPlatform = {
  picker: process.env.TARO_ENV === 'weapp',
};
