/** The catalog as operators run it (管理 → 商品 / 分类). Money is integer fen. */

export type GoodsStatus = 'on_sale' | 'off_sale';

/** A SKU's stock at or below this shows on 库存预警. */
export const LOW_STOCK_AT = 5;
/** Gallery images per goods item (the first is the cover). */
export const MAX_GOODS_IMAGES = 9;
/** SKUs per goods item. */
export const MAX_SKUS = 20;
/** Highest price or stock an operator may enter (¥1,000,000 / one million units). */
export const MAX_PRICE_FEN = 100_000_000;
export const MAX_STOCK = 1_000_000;

export interface AdminCategoryDto {
  id: number;
  name: string;
  icon: string;
  sort: number;
  /** Hidden categories and their goods are not shown to shoppers. */
  hidden: boolean;
  goodsCount: number;
}

export interface CategoryInput {
  name: string;
  icon?: string;
}

export interface CategoryPatch {
  name?: string;
  icon?: string;
  hidden?: boolean;
}

export interface AdminSkuDto {
  id: number;
  name: string;
  priceFen: number;
  stock: number;
  sales: number;
}

export interface AdminGoodsDto {
  id: number;
  categoryId: number;
  categoryName: string;
  title: string;
  subtitle: string;
  /** The cover: the gallery's first image. */
  image: string;
  images: string[];
  description: string;
  originalPriceFen: number | null;
  status: GoodsStatus;
  /** Lowest SKU price and the SKUs' total stock and sales. */
  priceFen: number;
  stock: number;
  sales: number;
  /** Sent back with an edit: a goods item changed since it was read is not overwritten. */
  version: number;
  skus: AdminSkuDto[];
  updatedAt: string;
}

export interface SkuInput {
  /** An existing SKU of this goods item; absent for a new one. */
  id?: number;
  name: string;
  priceFen: number;
  /** A new SKU's opening stock; an existing SKU's stock changes only through 调整库存. */
  stock?: number;
}

export interface GoodsInput {
  categoryId: number;
  title: string;
  subtitle?: string;
  /** Uploaded image paths (POST /api/admin/catalog/images); the first is the cover. */
  images: string[];
  description?: string;
  originalPriceFen?: number | null;
  status?: GoodsStatus;
  skus: SkuInput[];
}

export interface GoodsUpdate extends GoodsInput {
  version: number;
}

/** 调整库存: a signed change to one SKU, with why. */
export interface StockChangeRequest {
  delta: number;
  reason: string;
}

export interface StockChangeDto {
  id: number;
  goodsId: number;
  skuId: number;
  skuName: string;
  delta: number;
  stockAfter: number;
  reason: string;
  operatorId: number | null;
  operatorName: string | null;
  createdAt: string;
}

/** Which goods 商品管理 lists. */
export type GoodsFilter = 'all' | 'on_sale' | 'off_sale' | 'low_stock';
