import { Column, Entity } from 'typeorm';
import type { BannerLink } from '@jifen/shared';
import { BaseEntity } from '../common/base.entity.js';

/** One 首页 carousel slide and where a tap on it goes. */
@Entity('banners')
export class Banner extends BaseEntity {
  @Column({ type: 'varchar', length: 32 })
  title: string;

  @Column({ type: 'varchar', length: 255 })
  image: string;

  @Column({ name: 'link_kind', type: 'varchar', length: 10 })
  linkKind: BannerLink['kind'];

  /** For a page link: a BANNER_PAGES key. */
  @Column({ name: 'link_page', type: 'varchar', length: 16, nullable: true })
  linkPage: string | null;

  /** For a goods or campaign link: its id. */
  @Column({ name: 'link_id', type: 'integer', nullable: true })
  linkId: number | null;

  @Column({ type: 'int', default: 0 })
  sort: number;

  @Column({ type: 'varchar', length: 4, default: 'on' })
  status: 'on' | 'off';
}
