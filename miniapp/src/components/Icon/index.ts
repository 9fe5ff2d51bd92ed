/**
 * The icons the app uses, from one place (configure.ts, loaded by app.ts, makes them render
 * as a Taro View). Only re-exports: the H5 build marks this file free of side effects, so a
 * page bundles the icons it imports, not every icon listed here.
 */
export {
  ArrowLeft,
  ArrowRight,
  Cart,
  Checked,
  CheckChecked,
  CheckDisabled,
  CheckNormal,
  Clock,
  Coupon,
  Del,
  Edit,
  Gift,
  Home,
  HomeF,
  Location,
  MaskClose,
  Order,
  Phone,
  Refund,
  Search,
  Setting,
  SettingF,
  ShieldCheck,
  Store,
  ToPay,
  ToReceive,
  User,
  UserAdd,
  UserF,
  WaitReceive,
  Wallet,
} from '@nutui/icons-react-taro';
